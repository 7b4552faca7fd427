/**
 * Reading what is published to the gateway group and compiling it, skipping bad rows.
 */
package io.portico.gateway.load;
