/**
 * The compiler's input (a published version and its runtime configuration) and output
 * (compiled routes).
 */
package io.portico.compiler.model;
