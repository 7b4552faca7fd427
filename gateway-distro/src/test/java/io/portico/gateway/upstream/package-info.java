/**
 * Tests of io.portico.gateway.upstream.
 */
package io.portico.gateway.upstream;
