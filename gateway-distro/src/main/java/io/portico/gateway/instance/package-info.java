/**
 * This gateway instance: identity, heartbeat row and readiness.
 */
package io.portico.gateway.instance;
