package io.portico.cli.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.portico.cli.model.DeclarativeConfig;
import io.portico.cli.model.NodeEntry;
import io.portico.cli.model.RouteEntry;
import io.portico.cli.model.ServiceEntry;
import io.portico.cli.model.TimeoutEntry;
import io.portico.cli.model.UpstreamEntry;
import tools.jackson.databind.JsonNode;

/**
 * Maps one parsed file onto the model, strictly: every field Portico does not support
 * (ADC's {@code plugins}, {@code consumers}, ...) is a problem named by its path, never
 * ignored; so are wrong types, missing names, {@code strip_path_prefix: false}, both
 * {@code uris} and {@code paths}, both nodes and discovery, and two routes of one service
 * with the same name.
 */
final class ConfigBinder {

	/** ADC's top-level resources Portico does not support, with the reason. */
	static final Map<String, String> UNSUPPORTED_TOP = Map.of("consumers",
			"consumers are not supported by Portico (API credentials are the admin's tokens)", "ssls",
			"certificates are not managed by the declarative file", "global_rules",
			"plugins are not supported by Portico", "stream_routes", "stream (layer 4) routes are not supported",
			"plugin_metadata", "plugins are not supported by Portico", "routes",
			"top-level routes are not supported: put each route under its service's routes", "upstreams",
			"top-level upstreams are not supported: give each service its upstream", "consumer_groups",
			"consumers are not supported by Portico", "plugin_configs", "plugins are not supported by Portico");

	private static final Set<String> TOP = Set.of("services");

	private static final Set<String> SERVICE = Set.of("name", "description", "labels", "hosts", "path_prefix",
			"strip_path_prefix", "routes", "upstream", "version", "type", "upstream_scheme");

	private static final Set<String> ROUTE = Set.of("name", "uris", "paths", "methods", "description", "labels");

	private static final Set<String> UPSTREAM = Set.of("scheme", "type", "name", "nodes", "discovery_type",
			"service_name", "discovery_args", "timeout", "pass_host", "upstream_host");

	private static final Set<String> NODE = Set.of("host", "port", "weight");

	private static final Set<String> TIMEOUT = Set.of("connect", "send", "read");

	// registry: the name or id of the group's registry connection, when it has several of
	// the type.
	private static final Set<String> DISCOVERY_ARGS = Set.of("namespace", "port_name", "registry");

	private static final Set<String> PASS_HOST = Set.of("pass", "node", "rewrite");

	private final String file;

	private final List<FileProblem> problems;

	ConfigBinder(String file, List<FileProblem> problems) {
		this.file = file;
		this.problems = problems;
	}

	DeclarativeConfig bind(JsonNode root) {
		if (root == null || root.isMissingNode() || root.isNull()) {
			return new DeclarativeConfig(List.of());
		}
		if (!root.isObject()) {
			problem("", "the file must be a mapping with a services list");
			return new DeclarativeConfig(List.of());
		}
		for (String key : root.propertyNames()) {
			if (!TOP.contains(key)) {
				String reason = UNSUPPORTED_TOP.get(key);
				problem(key, (reason != null) ? "is not supported: " + reason
						: "is not a field of the declarative file (top-level keys: services)");
			}
		}
		List<ServiceEntry> services = new ArrayList<>();
		JsonNode list = root.get("services");
		if (list != null && !list.isNull()) {
			if (!list.isArray()) {
				problem("services", "must be a list");
			}
			else {
				Map<String, Integer> names = new HashMap<>();
				for (int i = 0; i < list.size(); i++) {
					String path = "services[" + i + "]";
					ServiceEntry service = service(list.get(i), path);
					if (service != null && service.name() != null) {
						Integer first = names.putIfAbsent(service.name(), i);
						if (first != null) {
							problem(path + ".name",
									"duplicate service name '" + service.name() + "' (also services[" + first + "])");
						}
					}
					if (service != null) {
						services.add(service);
					}
				}
			}
		}
		return new DeclarativeConfig(services);
	}

	private ServiceEntry service(JsonNode node, String path) {
		if (!object(node, path)) {
			return null;
		}
		unknown(node, path, SERVICE, "service");
		String name = required(node, path, "name");
		Boolean strip = bool(node, path, "strip_path_prefix");
		if (Boolean.FALSE.equals(strip)) {
			problem(path + ".strip_path_prefix",
					"Portico always strips the path prefix before forwarding: only true (or leaving it out) is accepted");
		}
		String type = string(node, path, "type");
		if (type != null && !"http".equals(type)) {
			problem(path + ".type", "must be 'http': other service types are not supported");
		}
		List<RouteEntry> routes = new ArrayList<>();
		JsonNode list = node.get("routes");
		if (list != null && !list.isNull()) {
			if (!list.isArray()) {
				problem(path + ".routes", "must be a list");
			}
			else {
				Map<String, Integer> names = new HashMap<>();
				for (int i = 0; i < list.size(); i++) {
					String at = path + ".routes[" + i + "]";
					RouteEntry route = route(list.get(i), at);
					if (route == null) {
						continue;
					}
					if (route.name() != null) {
						Integer first = names.putIfAbsent(route.name(), i);
						if (first != null) {
							problem(at + ".name", "duplicate route name '" + route.name() + "' (also " + path
									+ ".routes[" + first + "])");
						}
					}
					routes.add(route);
				}
			}
		}
		UpstreamEntry upstream = upstream(node.get("upstream"), path + ".upstream");
		String upstreamScheme = string(node, path, "upstream_scheme");
		if (upstream != null && upstream.scheme() != null && upstreamScheme != null
				&& !upstream.scheme().equals(upstreamScheme)) {
			problem(path + ".upstream_scheme", "differs from upstream.scheme: give one of them");
		}
		return new ServiceEntry(name, string(node, path, "description"), labels(node, path),
				strings(node, path, "hosts"), string(node, path, "path_prefix"), strip, routes, upstream,
				string(node, path, "version"), type, upstreamScheme);
	}

	private RouteEntry route(JsonNode node, String path) {
		if (!object(node, path)) {
			return null;
		}
		unknown(node, path, ROUTE, "route");
		String name = required(node, path, "name");
		boolean uris = present(node, "uris");
		boolean paths = present(node, "paths");
		String field = RouteEntry.URIS;
		if (uris && paths) {
			problem(path, "has both uris and paths: give one (paths is an alias of uris)");
		}
		else if (paths) {
			field = RouteEntry.PATHS;
		}
		return new RouteEntry(name, strings(node, path, field), field, strings(node, path, "methods"),
				string(node, path, "description"), labels(node, path));
	}

	private UpstreamEntry upstream(JsonNode node, String path) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!object(node, path)) {
			return null;
		}
		unknown(node, path, UPSTREAM, "upstream");
		String type = string(node, path, "type");
		if (type != null && !"roundrobin".equals(type)) {
			problem(path + ".type", "Portico balances by weighted round robin only: 'roundrobin' or leave it out");
		}
		boolean nodes = present(node, "nodes");
		String discoveryType = string(node, path, "discovery_type");
		String serviceName = string(node, path, "service_name");
		Map<String, String> args = Map.of();
		if (nodes && discoveryType != null) {
			problem(path, "has both nodes and discovery_type: give exactly one");
		}
		else if (!nodes && discoveryType == null) {
			problem(path, "needs nodes or discovery_type (with service_name)");
		}
		if (discoveryType != null) {
			if (serviceName == null) {
				problem(path + ".service_name", "is required with discovery_type");
			}
			args = discoveryArgs(node.get("discovery_args"), path + ".discovery_args");
		}
		else {
			if (serviceName != null) {
				problem(path + ".service_name", "is only used with discovery_type");
			}
			if (present(node, "discovery_args")) {
				problem(path + ".discovery_args", "is only used with discovery_type");
			}
		}
		String passHost = string(node, path, "pass_host");
		if (passHost != null && !PASS_HOST.contains(passHost)) {
			problem(path + ".pass_host", "must be 'pass', 'node' or 'rewrite'");
		}
		return new UpstreamEntry(string(node, path, "scheme"), type, string(node, path, "name"),
				nodes(node.get("nodes"), path + ".nodes"), discoveryType, serviceName, args,
				timeout(node.get("timeout"), path + ".timeout"), passHost, string(node, path, "upstream_host"));
	}

	private List<NodeEntry> nodes(JsonNode list, String path) {
		List<NodeEntry> nodes = new ArrayList<>();
		if (list == null || list.isNull()) {
			return nodes;
		}
		if (!list.isArray()) {
			problem(path, "must be a list of {host, port, weight}");
			return nodes;
		}
		for (int i = 0; i < list.size(); i++) {
			String at = path + "[" + i + "]";
			JsonNode node = list.get(i);
			if (!object(node, at)) {
				continue;
			}
			unknown(node, at, NODE, "node");
			String host = required(node, at, "host");
			Integer port = integer(node, at, "port");
			if (port == null && !present(node, "port")) {
				problem(at + ".port", "is required");
			}
			Integer weight = integer(node, at, "weight");
			if (host != null && port != null) {
				nodes.add(new NodeEntry(host, port, (weight != null) ? weight : NodeEntry.DEFAULT_WEIGHT));
			}
		}
		return nodes;
	}

	private TimeoutEntry timeout(JsonNode node, String path) {
		if (node == null || node.isNull() || !object(node, path)) {
			return null;
		}
		unknown(node, path, TIMEOUT, "timeout");
		return new TimeoutEntry(number(node, path, "connect"), number(node, path, "send"), number(node, path, "read"));
	}

	private Map<String, String> discoveryArgs(JsonNode node, String path) {
		if (node == null || node.isNull() || !object(node, path)) {
			return Map.of();
		}
		unknown(node, path, DISCOVERY_ARGS, "discovery_args");
		Map<String, String> args = new LinkedHashMap<>();
		for (String key : DISCOVERY_ARGS) {
			String value = string(node, path, key);
			if (value != null) {
				args.put(key, value);
			}
		}
		return args;
	}

	private void unknown(JsonNode node, String path, Set<String> known, String what) {
		for (String key : node.propertyNames()) {
			if (!known.contains(key)) {
				problem(path + "." + key, reason(key, what));
			}
		}
	}

	private static String reason(String key, String what) {
		if (key.equals("plugins") || key.equals("plugin_config_id")) {
			return "is not supported: Portico has no plugins; remove it";
		}
		return "is not supported by Portico in a " + what + "; remove it";
	}

	private boolean object(JsonNode node, String path) {
		if (node == null || !node.isObject()) {
			problem(path, "must be a mapping");
			return false;
		}
		return true;
	}

	private static boolean present(JsonNode node, String key) {
		JsonNode value = node.get(key);
		return value != null && !value.isNull();
	}

	private String required(JsonNode node, String path, String key) {
		String value = string(node, path, key);
		if (value == null && !present(node, key)) {
			problem(path + "." + key, "is required");
		}
		else if (value != null && value.isBlank()) {
			problem(path + "." + key, "must not be blank");
		}
		return value;
	}

	private String string(JsonNode node, String path, String key) {
		JsonNode value = node.get(key);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			problem(path + "." + key, "must be a string" + (value.isValueNode() ? " (quote it)" : ""));
			return null;
		}
		return value.stringValue();
	}

	private Boolean bool(JsonNode node, String path, String key) {
		JsonNode value = node.get(key);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isBoolean()) {
			problem(path + "." + key, "must be true or false");
			return null;
		}
		return value.booleanValue();
	}

	private Integer integer(JsonNode node, String path, String key) {
		JsonNode value = node.get(key);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			problem(path + "." + key, "must be an integer");
			return null;
		}
		return value.intValue();
	}

	private Double number(JsonNode node, String path, String key) {
		JsonNode value = node.get(key);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isNumber()) {
			problem(path + "." + key, "must be a number of seconds");
			return null;
		}
		return value.doubleValue();
	}

	private List<String> strings(JsonNode node, String path, String key) {
		JsonNode value = node.get(key);
		List<String> list = new ArrayList<>();
		if (value == null || value.isNull()) {
			return list;
		}
		if (!value.isArray()) {
			problem(path + "." + key, "must be a list of strings");
			return list;
		}
		for (int i = 0; i < value.size(); i++) {
			JsonNode item = value.get(i);
			if (item == null || !item.isString()) {
				problem(path + "." + key + "[" + i + "]", "must be a string");
			}
			else {
				list.add(item.stringValue());
			}
		}
		return list;
	}

	private Map<String, String> labels(JsonNode node, String path) {
		JsonNode value = node.get("labels");
		Map<String, String> labels = new LinkedHashMap<>();
		if (value == null || value.isNull()) {
			return labels;
		}
		if (!value.isObject()) {
			problem(path + ".labels", "must be a mapping of keys to values");
			return labels;
		}
		for (Map.Entry<String, JsonNode> entry : value.properties()) {
			JsonNode label = entry.getValue();
			if (label.isString() || label.isNumber() || label.isBoolean()) {
				labels.put(entry.getKey(), label.asString());
			}
			else if (label.isNull()) {
				labels.put(entry.getKey(), "");
			}
			else {
				problem(path + ".labels." + entry.getKey(), "must be a string");
			}
		}
		return labels;
	}

	private void problem(String field, String message) {
		this.problems.add(new FileProblem(this.file, field, message));
	}

}
