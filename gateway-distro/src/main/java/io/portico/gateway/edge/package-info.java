/**
 * Edge hardening: the request path is normalised before any route is matched, and
 * forwarded headers are only believed from trusted proxies.
 */
package io.portico.gateway.edge;
