/**
 * Change detection and reloads: LISTEN/NOTIFY, revision polling, serialized reloads.
 */
package io.portico.gateway.sync;
