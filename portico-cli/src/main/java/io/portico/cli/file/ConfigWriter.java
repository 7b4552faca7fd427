package io.portico.cli.file;

import java.util.List;
import java.util.Map;

import io.portico.cli.model.DeclarativeConfig;
import io.portico.cli.model.NodeEntry;
import io.portico.cli.model.RouteEntry;
import io.portico.cli.model.ServiceEntry;
import io.portico.cli.model.TimeoutEntry;
import io.portico.cli.model.UpstreamEntry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes the model as the declarative file format (snake_case, ADC's field names, absent
 * fields left out): JSON for the admin's {@code /api/declarative} endpoints, YAML for
 * files.
 */
public final class ConfigWriter {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final ObjectMapper YAML = YAMLMapper.builder()
		.disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
		.enable(YAMLWriteFeature.MINIMIZE_QUOTES)
		.enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
		.enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
		.build();

	private ConfigWriter() {
	}

	/**
	 * The file as a JSON tree.
	 * @param config the content
	 * @return an object with a {@code services} list
	 */
	public static ObjectNode tree(DeclarativeConfig config) {
		ObjectNode root = JSON.createObjectNode();
		ArrayNode services = root.putArray("services");
		for (ServiceEntry service : config.services()) {
			services.add(service(service));
		}
		return root;
	}

	/**
	 * The file as compact JSON.
	 * @param config the content
	 * @return the JSON text
	 */
	public static String json(DeclarativeConfig config) {
		return JSON.writeValueAsString(tree(config));
	}

	/**
	 * The file as YAML.
	 * @param config the content
	 * @return the YAML text
	 */
	public static String yaml(DeclarativeConfig config) {
		return yaml(tree(config));
	}

	/**
	 * Any JSON tree as YAML (a dump from the server).
	 * @param tree the tree
	 * @return the YAML text
	 */
	public static String yaml(JsonNode tree) {
		return YAML.writeValueAsString(tree);
	}

	/**
	 * Any JSON tree as indented JSON.
	 * @param tree the tree
	 * @return the JSON text
	 */
	public static String prettyJson(JsonNode tree) {
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + System.lineSeparator();
	}

	private static ObjectNode service(ServiceEntry service) {
		ObjectNode node = JSON.createObjectNode();
		put(node, "name", service.name());
		put(node, "description", service.description());
		labels(node, service.labels());
		put(node, "version", service.version());
		put(node, "type", service.type());
		strings(node, "hosts", service.hosts());
		put(node, "path_prefix", service.pathPrefix());
		if (service.stripPathPrefix() != null) {
			node.put("strip_path_prefix", service.stripPathPrefix());
		}
		put(node, "upstream_scheme", service.upstreamScheme());
		if (service.upstream() != null) {
			node.set("upstream", upstream(service.upstream()));
		}
		ArrayNode routes = node.putArray("routes");
		for (RouteEntry route : service.routes()) {
			ObjectNode item = routes.addObject();
			put(item, "name", route.name());
			put(item, "description", route.description());
			labels(item, route.labels());
			strings(item, RouteEntry.URIS, route.uris());
			strings(item, "methods", route.methods());
		}
		return node;
	}

	private static ObjectNode upstream(UpstreamEntry upstream) {
		ObjectNode node = JSON.createObjectNode();
		put(node, "name", upstream.name());
		put(node, "scheme", upstream.scheme());
		put(node, "type", upstream.type());
		if (!upstream.nodes().isEmpty()) {
			ArrayNode nodes = node.putArray("nodes");
			for (NodeEntry entry : upstream.nodes()) {
				nodes.addObject().put("host", entry.host()).put("port", entry.port()).put("weight", entry.weight());
			}
		}
		put(node, "discovery_type", upstream.discoveryType());
		put(node, "service_name", upstream.serviceName());
		if (!upstream.discoveryArgs().isEmpty()) {
			ObjectNode args = node.putObject("discovery_args");
			upstream.discoveryArgs().forEach(args::put);
		}
		TimeoutEntry timeout = upstream.timeout();
		if (timeout != null) {
			ObjectNode item = node.putObject("timeout");
			seconds(item, "connect", timeout.connect());
			seconds(item, "send", timeout.send());
			seconds(item, "read", timeout.read());
		}
		put(node, "pass_host", upstream.passHost());
		put(node, "upstream_host", upstream.upstreamHost());
		return node;
	}

	private static void seconds(ObjectNode node, String key, Double value) {
		if (value == null) {
			return;
		}
		if (value == Math.rint(value) && Math.abs(value) < Integer.MAX_VALUE) {
			node.put(key, value.intValue());
		}
		else {
			node.put(key, value);
		}
	}

	private static void put(ObjectNode node, String key, String value) {
		if (value != null) {
			node.put(key, value);
		}
	}

	private static void strings(ObjectNode node, String key, List<String> values) {
		if (!values.isEmpty()) {
			ArrayNode array = node.putArray(key);
			values.forEach(array::add);
		}
	}

	private static void labels(ObjectNode node, Map<String, String> labels) {
		if (!labels.isEmpty()) {
			ObjectNode object = node.putObject("labels");
			labels.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByKey())
				.forEach((entry) -> object.put(entry.getKey(), entry.getValue()));
		}
	}

}
