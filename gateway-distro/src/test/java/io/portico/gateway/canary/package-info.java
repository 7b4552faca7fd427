/**
 * Tests of io.portico.gateway.canary.
 */
package io.portico.gateway.canary;
