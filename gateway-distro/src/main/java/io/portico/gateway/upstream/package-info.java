/**
 * Forwarding to upstream nodes: smooth weighted round robin, forward URLs, Host header.
 */
package io.portico.gateway.upstream;
