/**
 * Tests of the local configuration snapshot.
 */
package io.portico.gateway.snapshot;
