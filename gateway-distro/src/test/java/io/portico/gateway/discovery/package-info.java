/**
 * Tests of the live endpoints of discovery upstreams, and a controllable fake registry.
 */
package io.portico.gateway.discovery;
