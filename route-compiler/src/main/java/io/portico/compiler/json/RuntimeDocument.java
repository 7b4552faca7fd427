package io.portico.compiler.json;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.portico.compiler.FieldPath;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.compiler.model.Timeouts;
import io.portico.compiler.model.Upstream;

/**
 * A runtime configuration ({@code published_version.runtime},
 * {@code published_service.runtime}), see {@link StoredFormat}; its upstream is also the
 * upstream of an upstream canary.
 */
final class RuntimeDocument {

	private static final Set<String> RUNTIME_FIELDS = Set.of("upstream", "hosts", "path_prefix", "pass_host",
			"upstream_host", "timeout");

	private static final Set<String> NODES_FIELDS = Set.of("nodes");

	private static final Set<String> NODE_FIELDS = Set.of("host", "port", "weight");

	private static final Set<String> DISCOVERY_FIELDS = Set.of("service_registry_id", "namespace", "service_name",
			"port_name");

	private static final Set<String> TIMEOUT_FIELDS = Set.of("connect", "read");

	// Far above any accepted timeout; only keeps the conversion to Duration exact.
	private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(1_000_000_000L);

	private RuntimeDocument() {
	}

	static RuntimeConfig read(String json) {
		return JsonReader.read(json, StoredFormat.RUNTIME,
				(reader, root) -> runtime(reader, root, StoredFormat.RUNTIME));
	}

	static String write(RuntimeConfig runtime) {
		ObjectNode object = JsonReader.NODES.objectNode();
		object.set("upstream", upstreamNode(runtime.upstream()));
		object.set("hosts", JsonReader.strings(runtime.hosts()));
		object.put("path_prefix", runtime.pathPrefix());
		object.put("pass_host", runtime.passHost().jsonValue());
		object.put("upstream_host", runtime.upstreamHost());
		ObjectNode timeout = object.putObject("timeout");
		timeout.set("connect", seconds(runtime.timeout().connect()));
		timeout.set("read", seconds(runtime.timeout().read()));
		return JsonReader.MAPPER.writeValueAsString(object);
	}

	private static RuntimeConfig runtime(JsonReader reader, JsonNode node, String path) {
		if (!reader.object(node, path, RUNTIME_FIELDS)) {
			return null;
		}
		Upstream upstream = upstream(reader, node.get("upstream"), FieldPath.join(path, "upstream"));
		List<String> hosts = reader.stringList(node, "hosts", path);
		String pathPrefix = reader.string(node, "path_prefix", path);
		JsonNode passHostNode = node.get("pass_host");
		PassHost passHost = (passHostNode == null || passHostNode.isNull()) ? PassHost.PASS
				: reader.enumValue(node, "pass_host", path, PassHost.values(), false);
		String upstreamHost = reader.string(node, "upstream_host", path);
		Timeouts timeouts = timeouts(reader, node.get("timeout"), FieldPath.join(path, "timeout"));
		return new RuntimeConfig(upstream, hosts, pathPrefix, passHost, upstreamHost, timeouts);
	}

	/**
	 * Reads an upstream: fixed nodes or a discovered service, told apart by their keys.
	 * @return the upstream, or {@code null} when it cannot be read
	 */
	static Upstream upstream(JsonReader reader, JsonNode node, String path) {
		if (node == null || node.isNull()) {
			reader.error(path, "is required");
			return null;
		}
		if (!node.isObject()) {
			reader.error(path, "must be a JSON object");
			return null;
		}
		boolean nodes = node.has("nodes");
		boolean discovery = node.has("service_registry_id");
		if (nodes && discovery) {
			reader.error(path, "must have either 'nodes' or 'service_registry_id', not both");
			return null;
		}
		if (!nodes && !discovery) {
			reader.error(path, "must have either 'nodes' (fixed nodes) or 'service_registry_id' (service discovery)");
			return null;
		}
		if (nodes) {
			reader.object(node, path, NODES_FIELDS);
			return nodesUpstream(reader, node.get("nodes"), FieldPath.join(path, "nodes"));
		}
		reader.object(node, path, DISCOVERY_FIELDS);
		return new DiscoveryUpstream(reader.string(node, "service_registry_id", path),
				reader.string(node, "namespace", path), reader.string(node, "service_name", path),
				reader.string(node, "port_name", path));
	}

	private static NodesUpstream nodesUpstream(JsonReader reader, JsonNode array, String path) {
		if (!array.isArray()) {
			reader.error(path, "must be a JSON array");
			return new NodesUpstream(List.of());
		}
		List<Node> nodes = new ArrayList<>();
		for (int i = 0; i < array.size(); i++) {
			JsonNode node = array.get(i);
			String at = FieldPath.index(path, i);
			if (reader.object(node, at, NODE_FIELDS)) {
				String host = reader.string(node, "host", at);
				Integer port = reader.integer(node, "port", at, null);
				Integer weight = reader.integer(node, "weight", at, Node.DEFAULT_WEIGHT);
				if (port != null && weight != null) {
					nodes.add(new Node(host, port, weight));
				}
			}
		}
		return new NodesUpstream(nodes);
	}

	private static Timeouts timeouts(JsonReader reader, JsonNode node, String path) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!reader.object(node, path, TIMEOUT_FIELDS)) {
			return null;
		}
		return new Timeouts(duration(reader, node.get("connect"), FieldPath.join(path, "connect")),
				duration(reader, node.get("read"), FieldPath.join(path, "read")));
	}

	private static Duration duration(JsonReader reader, JsonNode node, String path) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isNumber()) {
			reader.error(path, "must be a number of seconds");
			return null;
		}
		BigDecimal seconds = node.decimalValue();
		if (seconds.abs().compareTo(MAX_SECONDS) > 0) {
			reader.error(path, "is out of range");
			return null;
		}
		BigDecimal millis = seconds.movePointRight(3);
		if (millis.stripTrailingZeros().scale() > 0) {
			reader.error(path, "must have at most 3 decimal places (milliseconds)");
			return null;
		}
		return Duration.ofMillis(millis.longValueExact());
	}

	/**
	 * Writes an upstream.
	 * @return the upstream's object, or a JSON {@code null}
	 */
	static JsonNode upstreamNode(Upstream upstream) {
		if (upstream == null) {
			return JsonReader.NODES.nullNode();
		}
		ObjectNode object = JsonReader.NODES.objectNode();
		if (upstream instanceof NodesUpstream nodes) {
			ArrayNode array = object.putArray("nodes");
			for (Node node : nodes.nodes()) {
				ObjectNode item = array.addObject();
				item.put("host", node.host());
				item.put("port", node.port());
				item.put("weight", node.weight());
			}
		}
		else {
			DiscoveryUpstream discovery = (DiscoveryUpstream) upstream;
			object.put("service_registry_id", discovery.serviceRegistryId());
			object.put("namespace", discovery.namespace());
			object.put("service_name", discovery.serviceName());
			object.put("port_name", discovery.portName());
		}
		return object;
	}

	private static JsonNode seconds(Duration duration) {
		if (duration == null) {
			return JsonReader.NODES.nullNode();
		}
		if (duration.getNano() == 0) {
			return JsonReader.NODES.numberNode(duration.getSeconds());
		}
		return JsonReader.NODES.numberNode(BigDecimal.valueOf(duration.getSeconds())
			.add(BigDecimal.valueOf(duration.getNano(), 9))
			.stripTrailingZeros());
	}

}
