/**
 * Benchmarks of the gateway's route lookup.
 */
package io.portico.benchmarks.routing;
