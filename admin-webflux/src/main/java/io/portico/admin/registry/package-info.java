/**
 * Service registry connections of gateway groups: CRUD, live health checks and browsing.
 */
package io.portico.admin.registry;
