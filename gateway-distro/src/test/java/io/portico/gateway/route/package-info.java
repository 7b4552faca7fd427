/**
 * Tests of io.portico.gateway.route.
 */
package io.portico.gateway.route;
