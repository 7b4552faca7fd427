/**
 * Plain Spring Cloud Gateway used as the benchmark baseline.
 */
package io.portico.bench.plainscg;
