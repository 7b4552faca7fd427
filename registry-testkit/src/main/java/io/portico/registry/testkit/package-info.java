/**
 * Registry servers for tests: a real Eureka server, Kubernetes' mock server, Consul and
 * Nacos emulations.
 */
package io.portico.registry.testkit;
