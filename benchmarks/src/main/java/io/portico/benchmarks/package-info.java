/**
 * JMH benchmarks of Portico's hot paths; run from {@code target/benchmarks.jar}.
 */
package io.portico.benchmarks;
