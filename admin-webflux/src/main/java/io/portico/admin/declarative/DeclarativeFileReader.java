package io.portico.admin.declarative;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.portico.admin.web.ApiException;
import io.portico.admin.web.ApiFieldError;
import tools.jackson.databind.JsonNode;

/**
 * Reads a declarative file (already JSON) into a {@link DeclarativeFile}, collecting
 * every problem with its path in the file. ADC resources and fields Portico does not
 * support ({@code plugins}, {@code consumers}, …) are refused by name, never ignored; so
 * is anything unknown.
 */
final class DeclarativeFileReader {

	private static final Set<String> TOP = Set.of("services");

	private static final Set<String> ADC_TOP = Set.of("consumers", "consumer_groups", "ssls", "global_rules",
			"stream_routes", "plugin_metadata", "plugin_configs", "routes", "upstreams");

	private static final Set<String> SERVICE = Set.of("name", "description", "labels", "hosts", "path_prefix",
			"strip_path_prefix", "routes", "upstream", "version", "type", "upstream_scheme");

	private static final Set<String> ADC_SERVICE = Set.of("plugins", "stream_routes", "id");

	private static final Set<String> ROUTE = Set.of("name", "uris", "paths", "methods", "description", "labels");

	private static final Set<String> ADC_ROUTE = Set.of("plugins", "timeout", "vars", "priority", "enable_websocket",
			"filter_func", "hosts", "remote_addrs", "plugin_config_id", "id", "service_id", "upstream_id", "upstream");

	private static final Set<String> UPSTREAM = Set.of("scheme", "nodes", "discovery_type", "service_name",
			"discovery_args", "timeout", "pass_host", "upstream_host", "type", "name");

	private static final Set<String> ADC_UPSTREAM = Set.of("hash_on", "key", "retries", "retry_timeout", "checks",
			"keepalive_pool", "tls", "labels", "id", "description");

	private static final Set<String> NODE = Set.of("host", "port", "weight");

	private static final Set<String> ADC_NODE = Set.of("priority", "metadata");

	private static final Set<String> TIMEOUT = Set.of("connect", "send", "read");

	private final List<ApiFieldError> errors = new ArrayList<>();

	private DeclarativeFileReader() {
	}

	/**
	 * Reads a file.
	 * @param root the file as JSON
	 * @return the file
	 * @throws ApiException 400 listing every problem with its path
	 */
	static DeclarativeFile read(JsonNode root) {
		DeclarativeFileReader reader = new DeclarativeFileReader();
		DeclarativeFile file = reader.file(root);
		if (!reader.errors.isEmpty()) {
			throw ApiException.badRequest(List.copyOf(reader.errors));
		}
		return file;
	}

	private DeclarativeFile file(JsonNode root) {
		if (root == null || !root.isObject()) {
			error("$", "must be an object with 'services'");
			return new DeclarativeFile(List.of());
		}
		known(root, "", TOP, ADC_TOP);
		List<DeclarativeFile.Service> services = new ArrayList<>();
		Map<String, String> names = new HashMap<>();
		JsonNode list = root.get("services");
		if (list != null && !list.isNull()) {
			if (!list.isArray()) {
				error("services", "must be a list");
			}
			else {
				for (int i = 0; i < list.size(); i++) {
					String at = "services[" + i + "]";
					DeclarativeFile.Service service = service(list.get(i), at);
					if (service != null && service.name() != null) {
						String other = names.putIfAbsent(service.name(), at);
						if (other != null) {
							error(at + ".name", "'" + service.name() + "' is already the name of " + other);
						}
					}
					services.add(service);
				}
			}
		}
		return new DeclarativeFile(services);
	}

	private DeclarativeFile.Service service(JsonNode node, String at) {
		if (!object(node, at)) {
			return null;
		}
		known(node, at, SERVICE, ADC_SERVICE);
		String name = string(node, "name", at);
		if (name == null || name.isBlank()) {
			error(at + ".name", "is required");
		}
		JsonNode strip = node.get("strip_path_prefix");
		if (strip != null && !strip.isNull() && !(strip.isBoolean() && strip.booleanValue())) {
			error(at + ".strip_path_prefix",
					"must be true or absent: Portico always strips path_prefix before forwarding");
		}
		List<DeclarativeFile.Route> routes = new ArrayList<>();
		Map<String, String> routeNames = new HashMap<>();
		JsonNode list = node.get("routes");
		if (list != null && !list.isNull() && !list.isArray()) {
			error(at + ".routes", "must be a list");
		}
		else if (list != null) {
			for (int i = 0; i < list.size(); i++) {
				String routeAt = at + ".routes[" + i + "]";
				DeclarativeFile.Route route = route(list.get(i), routeAt);
				if (route != null && route.name() != null) {
					String other = routeNames.putIfAbsent(route.name(), routeAt);
					if (other != null) {
						error(routeAt + ".name", "'" + route.name() + "' is already the name of " + other);
					}
				}
				routes.add(route);
			}
		}
		JsonNode upstreamNode = node.get("upstream");
		DeclarativeFile.Upstream upstream = (upstreamNode == null || upstreamNode.isNull()) ? null
				: upstream(upstreamNode, at + ".upstream");
		return new DeclarativeFile.Service(name, string(node, "description", at), labels(node, at),
				node.has("hosts") ? strings(node, "hosts", at) : null, string(node, "path_prefix", at), routes,
				upstream, string(node, "version", at), string(node, "type", at), string(node, "upstream_scheme", at));
	}

	private DeclarativeFile.Route route(JsonNode node, String at) {
		if (!object(node, at)) {
			return null;
		}
		known(node, at, ROUTE, ADC_ROUTE);
		String name = string(node, "name", at);
		if (name == null || name.isBlank()) {
			error(at + ".name", "is required");
		}
		boolean uris = node.has("uris");
		if (uris && node.has("paths")) {
			error(at + ".paths", "is an alias of uris: give one of them");
		}
		String field = uris ? "uris" : "paths";
		List<String> paths = strings(node, field, at);
		if (paths.isEmpty()) {
			error(at + "." + field, "must list at least one path");
		}
		return new DeclarativeFile.Route(name, paths, field, strings(node, "methods", at),
				string(node, "description", at), labels(node, at));
	}

	private DeclarativeFile.Upstream upstream(JsonNode node, String at) {
		if (!object(node, at)) {
			return null;
		}
		known(node, at, UPSTREAM, ADC_UPSTREAM);
		String type = string(node, "type", at);
		if (type != null && !type.equals("roundrobin")) {
			error(at + ".type", "must be 'roundrobin' (weighted round robin), the only balancing Portico has");
		}
		List<DeclarativeFile.Node> nodes = null;
		JsonNode list = node.get("nodes");
		if (list != null && !list.isNull()) {
			nodes = new ArrayList<>();
			if (!list.isArray()) {
				error(at + ".nodes", "must be a list");
			}
			else {
				for (int i = 0; i < list.size(); i++) {
					nodes.add(node(list.get(i), at + ".nodes[" + i + "]"));
				}
			}
		}
		String discoveryType = string(node, "discovery_type", at);
		if (nodes != null && discoveryType != null) {
			error(at, "must have nodes or discovery_type, not both");
		}
		else if (nodes == null && discoveryType == null) {
			error(at, "must have nodes or discovery_type (with service_name)");
		}
		Map<String, String> args = stringMap(node, "discovery_args", at);
		BigDecimal connect = null;
		BigDecimal read = null;
		JsonNode timeout = node.get("timeout");
		if (timeout != null && !timeout.isNull() && object(timeout, at + ".timeout")) {
			known(timeout, at + ".timeout", TIMEOUT, Set.of());
			connect = decimal(timeout, "connect", at + ".timeout");
			read = decimal(timeout, "read", at + ".timeout");
			BigDecimal send = decimal(timeout, "send", at + ".timeout");
			if (send != null && (read == null || send.compareTo(read) != 0)) {
				error(at + ".timeout.send", "must equal read: Portico has one timeout for sending and reading");
			}
		}
		return new DeclarativeFile.Upstream(string(node, "scheme", at), nodes, discoveryType,
				string(node, "service_name", at), args, connect, read, string(node, "pass_host", at),
				string(node, "upstream_host", at));
	}

	private DeclarativeFile.Node node(JsonNode node, String at) {
		if (!object(node, at)) {
			return new DeclarativeFile.Node(null, null, null);
		}
		known(node, at, NODE, ADC_NODE);
		return new DeclarativeFile.Node(string(node, "host", at), integer(node, "port", at),
				integer(node, "weight", at));
	}

	private void known(JsonNode node, String at, Set<String> fields, Set<String> adcOnly) {
		for (String name : node.propertyNames()) {
			String path = at.isEmpty() ? name : at + "." + name;
			if (adcOnly.contains(name)) {
				error(path, "is an ADC field Portico does not support; remove it");
			}
			else if (!fields.contains(name)) {
				error(path, "is not a known field");
			}
		}
	}

	private boolean object(JsonNode node, String at) {
		if (node == null || !node.isObject()) {
			error(at, "must be an object");
			return false;
		}
		return true;
	}

	private String string(JsonNode node, String field, String at) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			error(at + "." + field, "must be a string");
			return null;
		}
		return value.stringValue();
	}

	private Integer integer(JsonNode node, String field, String at) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			error(at + "." + field, "must be an integer");
			return null;
		}
		return value.intValue();
	}

	private BigDecimal decimal(JsonNode node, String field, String at) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isNumber()) {
			error(at + "." + field, "must be a number of seconds");
			return null;
		}
		return value.decimalValue();
	}

	private List<String> strings(JsonNode node, String field, String at) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (!value.isArray()) {
			error(at + "." + field, "must be a list of strings");
			return List.of();
		}
		List<String> strings = new ArrayList<>();
		for (int i = 0; i < value.size(); i++) {
			if (!value.get(i).isString()) {
				error(at + "." + field + "[" + i + "]", "must be a string");
			}
			else {
				strings.add(value.get(i).stringValue());
			}
		}
		return strings;
	}

	private Map<String, String> labels(JsonNode node, String at) {
		return stringMap(node, "labels", at);
	}

	private Map<String, String> stringMap(JsonNode node, String field, String at) {
		JsonNode value = node.get(field);
		Map<String, String> map = new LinkedHashMap<>();
		if (value == null || value.isNull()) {
			return map;
		}
		if (!value.isObject()) {
			error(at + "." + field, "must be an object of strings");
			return map;
		}
		for (String key : value.propertyNames()) {
			JsonNode item = value.get(key);
			if (!item.isString()) {
				error(at + "." + field + "." + key, "must be a string");
			}
			else {
				map.put(key, item.stringValue());
			}
		}
		return map;
	}

	private void error(String field, String message) {
		this.errors.add(new ApiFieldError(field, message));
	}

}
