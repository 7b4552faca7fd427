/**
 * Tests of io.portico.gateway.sync.
 */
package io.portico.gateway.sync;
