/**
 * The local snapshot of the configuration a gateway last applied, which it serves when it
 * starts while its database is unreachable.
 */
package io.portico.gateway.snapshot;
