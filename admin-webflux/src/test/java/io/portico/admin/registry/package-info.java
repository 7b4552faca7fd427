/**
 * Tests of registry connections: CRUD, health checks and browsing, with a fake client
 * factory.
 */
package io.portico.admin.registry;
