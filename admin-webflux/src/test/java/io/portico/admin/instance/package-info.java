/**
 * Tests of gateway instance status.
 */
package io.portico.admin.instance;
