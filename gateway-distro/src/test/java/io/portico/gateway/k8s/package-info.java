/**
 * Tests of the Kubernetes manifests in {@code k8s/}.
 */
package io.portico.gateway.k8s;
