/**
 * Clients for service registries (Kubernetes, Consul, Eureka, Nacos), each built on its
 * ecosystem's own library.
 */
package io.portico.registry;
