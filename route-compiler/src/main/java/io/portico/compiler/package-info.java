/**
 * Compiles published service versions into gateway routes: pure, deterministic, no
 * Spring.
 */
package io.portico.compiler;
