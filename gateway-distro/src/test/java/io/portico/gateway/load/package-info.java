/**
 * Tests of io.portico.gateway.load.
 */
package io.portico.gateway.load;
