/**
 * Benchmarks of the OpenAPI import.
 */
package io.portico.benchmarks.imports;
