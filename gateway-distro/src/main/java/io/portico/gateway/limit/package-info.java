/**
 * Limits on what a client may send through the gateway: the request body size.
 */
package io.portico.gateway.limit;
