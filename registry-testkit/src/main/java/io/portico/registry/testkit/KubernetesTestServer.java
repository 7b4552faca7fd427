package io.portico.registry.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

/**
 * fabric8's Kubernetes mock server in CRUD mode (plain HTTP), with expectations taking
 * precedence where a test sets some, and builders for EndpointSlices: the Kubernetes API
 * for registry tests, in-process.
 */
public final class KubernetesTestServer {

	/** The token the tests' clients send; it must never show up anywhere. */
	/** The label EndpointSlices carry to name their Service. */
	public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

	public static final String TOKEN = "k8s-test-token-3f9a1c2e7b";

	private KubernetesTestServer() {
	}

	public static KubernetesMockServer start() {
		Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
		@SuppressWarnings("deprecation")
		KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
				new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
		server.init();
		return server;
	}

	public static NamespacedKubernetesClient admin(KubernetesMockServer server) {
		return server.createClient();
	}

	/**
	 * A slice of a service.
	 * @param namespace the namespace
	 * @param service the service name (label)
	 * @param name the slice name
	 * @param ports port name → number
	 * @param ready ready addresses
	 * @param notReady addresses whose endpoint is not ready
	 * @return the slice
	 */
	public static EndpointSlice slice(String namespace, String service, String name, Map<String, Integer> ports,
			List<String> ready, List<String> notReady) {
		EndpointSliceBuilder builder = new EndpointSliceBuilder().withNewMetadata()
			.withNamespace(namespace)
			.withName(name)
			.addToLabels(SERVICE_NAME_LABEL, service)
			.endMetadata()
			.withAddressType("IPv4");
		ports.forEach((portName,
				port) -> builder.addNewPort().withName(portName).withPort(port).withProtocol("TCP").endPort());
		ready.forEach((address) -> builder.addNewEndpoint()
			.withAddresses(address)
			.withNewConditions()
			.withReady(true)
			.endConditions()
			.endEndpoint());
		notReady.forEach((address) -> builder.addNewEndpoint()
			.withAddresses(address)
			.withNewConditions()
			.withReady(false)
			.endConditions()
			.endEndpoint());
		return builder.build();
	}

}
