/**
 * Canaries: which side, baseline or canary, serves each request of a published service.
 */
package io.portico.gateway.canary;
