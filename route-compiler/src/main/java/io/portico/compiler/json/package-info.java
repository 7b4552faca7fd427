/**
 * The stored JSON of published versions and runtime configuration, shared by the admin
 * (which writes it) and the gateway (which reads it).
 */
package io.portico.compiler.json;
