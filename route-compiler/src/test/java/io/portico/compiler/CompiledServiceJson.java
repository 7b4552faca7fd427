package io.portico.compiler;

import java.time.Duration;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.CompiledService;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.UpstreamTarget;

/**
 * Writes compilation results as pretty, deterministic JSON for the golden files.
 */
final class CompiledServiceJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private CompiledServiceJson() {
	}

	static String write(CompiledService service) {
		return write(service, null);
	}

	/**
	 * Writes a compiled service and, when not {@code null}, its canary as stored.
	 */
	static String write(CompiledService service, CanarySpec canary) {
		ObjectNode root = NODES.objectNode();
		root.put("gateway_group_id", service.gatewayGroupId());
		root.put("service_id", service.serviceId());
		root.put("service_name", service.serviceName());
		root.put("version", service.version());
		root.set("upstream", upstream(service.upstream()));
		ArrayNode routes = root.putArray("routes");
		for (CompiledRoute route : service.routes()) {
			ObjectNode item = routes.addObject();
			item.put("id", route.id());
			item.put("service_id", route.serviceId());
			item.put("route_id", route.routeId());
			item.put("route_name", route.routeName());
			item.putObject("path").put("kind", route.path().kind().name()).put("pattern", route.path().pattern());
			item.set("methods", strings(route.methods()));
			item.set("hosts", strings(route.hosts()));
			item.put("strip_prefix", route.stripPrefix());
			item.put("pass_host", route.passHost().jsonValue());
			item.put("upstream_host", route.upstreamHost());
			item.put("connect_timeout_ms", millis(route.connectTimeout()));
			item.put("read_timeout_ms", millis(route.readTimeout()));
		}
		if (canary != null) {
			root.set("canary", MAPPER.readTree(StoredFormat.writeCanary(canary)));
		}
		return pretty(root);
	}

	static String write(List<FieldError> errors) {
		ObjectNode root = NODES.objectNode();
		ArrayNode array = root.putArray("errors");
		for (FieldError error : errors) {
			array.addObject().put("field", error.field()).put("message", error.message());
		}
		return pretty(root);
	}

	/**
	 * Re-indents a JSON document the way {@link #write} does, so that only content is
	 * compared.
	 */
	static String normalize(String json) {
		return pretty(MAPPER.readTree(json));
	}

	private static ObjectNode upstream(UpstreamTarget target) {
		ObjectNode object = NODES.objectNode();
		object.put("scheme", target.scheme());
		object.put("kind", target.upstream().kind());
		if (target.upstream() instanceof NodesUpstream nodes) {
			ArrayNode array = object.putArray("nodes");
			for (Node node : nodes.nodes()) {
				array.addObject().put("host", node.host()).put("port", node.port()).put("weight", node.weight());
			}
		}
		else {
			DiscoveryUpstream discovery = (DiscoveryUpstream) target.upstream();
			object.put("service_registry_id", discovery.serviceRegistryId());
			object.put("namespace", discovery.namespace());
			object.put("service_name", discovery.serviceName());
			object.put("port_name", discovery.portName());
		}
		return object;
	}

	private static ArrayNode strings(List<String> values) {
		ArrayNode array = NODES.arrayNode();
		values.forEach(array::add);
		return array;
	}

	private static Long millis(Duration duration) {
		return (duration != null) ? duration.toMillis() : null;
	}

	private static String pretty(Object tree) {
		return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree).replace("\r\n", "\n") + "\n";
	}

}
