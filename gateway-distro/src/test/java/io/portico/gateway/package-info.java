/**
 * Tests of io.portico.gateway.
 */
package io.portico.gateway;
