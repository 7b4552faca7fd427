/**
 * Tests of io.portico.gateway.edge.
 */
package io.portico.gateway.edge;
