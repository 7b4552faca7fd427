package io.portico.compiler.json;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.portico.compiler.FieldError;
import io.portico.compiler.RouteCompilationException;
import io.portico.compiler.model.CanaryConditions;
import io.portico.compiler.model.CanaryRule;
import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.CanarySticky;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.compiler.model.Timeouts;
import io.portico.compiler.model.Upstream;

/**
 * Reads and writes the JSON kept in {@code published_version.routes},
 * {@code published_version.runtime} and {@code published_service.runtime}: the admin
 * API's snake_case shape.
 *
 * <p>
 * Routes: <pre>
 * [{"id":"r1","name":"getting-started-anything","paths":["/anything/*"],"methods":["GET"],
 *   "description":"","labels":{}}]
 * </pre> Runtime (timeouts in seconds, up to millisecond precision): <pre>
 * {"upstream":{"nodes":[{"host":"127.0.0.1","port":8080,"weight":100}]},"hosts":[],
 *  "path_prefix":"","pass_host":"pass","upstream_host":null,"timeout":{"connect":5,"read":60}}
 * </pre> A discovery upstream is
 * {@code {"service_registry_id":"…","namespace":"…","service_name":"…","port_name":null}};
 * the kind follows from the keys present.
 *
 * <p>
 * Canary ({@code published_service.canary}, also the body of the admin's
 * {@code PUT …/canary}); exactly one of {@code upstream} (a runtime upstream) and
 * {@code version}; {@code weight} defaults to 100 when {@code conditions} are given:
 * <pre>
 * {"weight":20,"conditions":{"match":"all","rules":[{"source":"header","name":"X-Canary",
 *   "operator":"equals","value":"on"}]},"sticky":{"source":"cookie","name":"session"},
 *  "version":"1.1.0"}
 * </pre> The admin adds {@code "version_id"} to a stored version canary; reading ignores
 * it (the gateway takes the id from {@code published_service.canary_version_id}).
 *
 * <p>
 * Reading checks the shape only (types, known fields, the upstream kind) and throws a
 * {@link RouteCompilationException} naming the field ({@code runtime.upstream}); the
 * {@link io.portico.compiler.RouteCompiler} checks the values. Writing is deterministic:
 * fixed key order, labels sorted. Thread-safe. Example: <pre>
 * String json = StoredFormat.writeRuntime(runtime);
 * RuntimeConfig again = StoredFormat.readRuntime(json);
 * </pre>
 */
public final class StoredFormat {

	/** The root field of errors from {@link #readRoutes(String)}. */
	public static final String ROUTES = "routes";

	/** The root field of errors from {@link #readRuntime(String)}. */
	public static final String RUNTIME = "runtime";

	/** The root field of errors from {@link #readCanary(String)}. */
	public static final String CANARY = "canary";

	/** The default canary weight when conditions are given. */
	public static final int DEFAULT_CONDITIONAL_WEIGHT = 100;

	// Private on purpose: the stored format must not change with an application's mapper.
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Set<String> ROUTE_FIELDS = Set.of("id", "name", "paths", "methods", "description", "labels");

	private static final Set<String> RUNTIME_FIELDS = Set.of("upstream", "hosts", "path_prefix", "pass_host",
			"upstream_host", "timeout");

	private static final Set<String> NODES_FIELDS = Set.of("nodes");

	private static final Set<String> NODE_FIELDS = Set.of("host", "port", "weight");

	private static final Set<String> DISCOVERY_FIELDS = Set.of("service_registry_id", "namespace", "service_name",
			"port_name");

	private static final Set<String> TIMEOUT_FIELDS = Set.of("connect", "read");

	private static final Set<String> CANARY_FIELDS = Set.of("weight", "conditions", "sticky", "upstream", "version",
			"version_id");

	private static final Set<String> CONDITIONS_FIELDS = Set.of("match", "rules");

	private static final Set<String> RULE_FIELDS = Set.of("source", "name", "operator", "value");

	private static final Set<String> STICKY_FIELDS = Set.of("source", "name");

	// Far above any accepted timeout; only keeps the conversion to Duration exact.
	private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(1_000_000_000L);

	private StoredFormat() {
	}

	/**
	 * Reads the routes of a published version.
	 * @param json the stored JSON array
	 * @return the routes, in stored order
	 * @throws RouteCompilationException when the JSON is malformed or has the wrong
	 * shape, with fields under {@code routes}
	 */
	public static List<RouteSpec> readRoutes(String json) {
		Reader reader = new Reader();
		JsonNode root = reader.parse(json, ROUTES);
		List<RouteSpec> routes = new ArrayList<>();
		if (root != null) {
			if (!root.isArray()) {
				reader.error(ROUTES, "must be a JSON array");
			}
			else {
				for (int i = 0; i < root.size(); i++) {
					RouteSpec route = reader.route(root.get(i), ROUTES + "[" + i + "]");
					if (route != null) {
						routes.add(route);
					}
				}
			}
		}
		reader.throwIfErrors();
		return List.copyOf(routes);
	}

	/**
	 * Writes the routes of a published version.
	 * @param routes the routes
	 * @return compact JSON with a fixed key order
	 */
	public static String writeRoutes(List<RouteSpec> routes) {
		ArrayNode array = NODES.arrayNode();
		for (RouteSpec route : routes) {
			array.add(routeNode(route));
		}
		return MAPPER.writeValueAsString(array);
	}

	/**
	 * Reads a runtime configuration.
	 * @param json the stored JSON object
	 * @return the runtime configuration
	 * @throws RouteCompilationException when the JSON is malformed or has the wrong
	 * shape, with fields under {@code runtime}
	 */
	public static RuntimeConfig readRuntime(String json) {
		Reader reader = new Reader();
		JsonNode root = reader.parse(json, RUNTIME);
		RuntimeConfig runtime = null;
		if (root != null) {
			runtime = reader.runtime(root, RUNTIME);
		}
		reader.throwIfErrors();
		return runtime;
	}

	/**
	 * Writes a runtime configuration.
	 * @param runtime the runtime configuration
	 * @return compact JSON with a fixed key order
	 */
	public static String writeRuntime(RuntimeConfig runtime) {
		ObjectNode object = NODES.objectNode();
		object.set("upstream", upstreamNode(runtime.upstream()));
		object.set("hosts", strings(runtime.hosts()));
		object.put("path_prefix", runtime.pathPrefix());
		object.put("pass_host", runtime.passHost().jsonValue());
		object.put("upstream_host", runtime.upstreamHost());
		ObjectNode timeout = object.putObject("timeout");
		timeout.set("connect", seconds(runtime.timeout().connect()));
		timeout.set("read", seconds(runtime.timeout().read()));
		return MAPPER.writeValueAsString(object);
	}

	/**
	 * Reads a canary, naming fields under {@code canary} ({@code canary.weight}).
	 * @param json the stored JSON object
	 * @return the canary
	 * @throws RouteCompilationException when the JSON is malformed or has the wrong shape
	 * (unknown fields, unknown enum values such as a rule's {@code source})
	 */
	public static CanarySpec readCanary(String json) {
		return readCanary(json, CANARY);
	}

	/**
	 * Reads a canary, naming fields under the given root: {@code ""} names them relative
	 * to the canary ({@code conditions.rules[0].source}), as the admin's request body
	 * does.
	 * @param json the JSON object
	 * @param root the root field of errors, {@code ""} for none
	 * @return the canary
	 * @throws RouteCompilationException when the JSON is malformed or has the wrong shape
	 */
	public static CanarySpec readCanary(String json, String root) {
		Reader reader = new Reader();
		JsonNode node = reader.parse(json, root);
		CanarySpec canary = null;
		if (node != null) {
			canary = reader.canary(node, root);
		}
		reader.throwIfErrors();
		return canary;
	}

	/**
	 * Writes a canary (without {@code version_id}, which is the admin's to add).
	 * @param canary the canary
	 * @return compact JSON with a fixed key order; absent parts are left out
	 */
	public static String writeCanary(CanarySpec canary) {
		ObjectNode object = NODES.objectNode();
		object.put("weight", canary.weight());
		if (canary.conditions() != null) {
			ObjectNode conditions = object.putObject("conditions");
			conditions.put("match", jsonValue(canary.conditions().match()));
			ArrayNode rules = conditions.putArray("rules");
			for (CanaryRule rule : canary.conditions().rules()) {
				ObjectNode item = rules.addObject();
				item.put("source", jsonValue(rule.source()));
				item.put("name", rule.name());
				item.put("operator", jsonValue(rule.operator()));
				if (rule.value() != null) {
					item.put("value", rule.value());
				}
			}
		}
		if (canary.sticky() != null) {
			ObjectNode sticky = object.putObject("sticky");
			sticky.put("source", jsonValue(canary.sticky().source()));
			if (canary.sticky().name() != null) {
				sticky.put("name", canary.sticky().name());
			}
		}
		if (canary.upstream() != null) {
			object.set("upstream", upstreamNode(canary.upstream()));
		}
		if (canary.version() != null) {
			object.put("version", canary.version());
		}
		return MAPPER.writeValueAsString(object);
	}

	private static String jsonValue(Enum<?> value) {
		return (value != null) ? value.name().toLowerCase(Locale.ROOT) : null;
	}

	private static ObjectNode routeNode(RouteSpec route) {
		ObjectNode object = NODES.objectNode();
		object.put("id", route.id());
		object.put("name", route.name());
		object.set("paths", strings(route.paths()));
		object.set("methods", strings(route.methods()));
		object.put("description", route.description());
		ObjectNode labels = object.putObject("labels");
		new TreeMap<>(route.labels()).forEach(labels::put);
		return object;
	}

	private static JsonNode upstreamNode(Upstream upstream) {
		if (upstream == null) {
			return NODES.nullNode();
		}
		ObjectNode object = NODES.objectNode();
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

	private static ArrayNode strings(List<String> values) {
		ArrayNode array = NODES.arrayNode();
		values.forEach(array::add);
		return array;
	}

	private static JsonNode seconds(Duration duration) {
		if (duration == null) {
			return NODES.nullNode();
		}
		if (duration.getNano() == 0) {
			return NODES.numberNode(duration.getSeconds());
		}
		return NODES.numberNode(BigDecimal.valueOf(duration.getSeconds())
			.add(BigDecimal.valueOf(duration.getNano(), 9))
			.stripTrailingZeros());
	}

	/**
	 * One read: collects every shape error before throwing.
	 */
	private static final class Reader {

		private final List<FieldError> errors = new ArrayList<>();

		JsonNode parse(String json, String root) {
			if (json == null || json.isBlank()) {
				error(root, "is required");
				return null;
			}
			try {
				return MAPPER.readTree(json);
			}
			catch (JacksonException ex) {
				TokenStreamLocation location = ex.getLocation();
				String where = (location != null && location.getLineNr() > 0)
						? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
				error(root, "is not valid JSON" + where + ": " + firstLine(ex.getOriginalMessage()));
				return null;
			}
		}

		void error(String field, String message) {
			this.errors.add(new FieldError(field, message));
		}

		void throwIfErrors() {
			if (!this.errors.isEmpty()) {
				throw new RouteCompilationException(this.errors);
			}
		}

		RouteSpec route(JsonNode node, String path) {
			if (!object(node, path, ROUTE_FIELDS)) {
				return null;
			}
			String id = string(node, "id", path);
			String name = string(node, "name", path);
			List<String> paths = stringList(node, "paths", path);
			List<String> methods = stringList(node, "methods", path);
			String description = string(node, "description", path);
			Map<String, String> labels = labels(node, path);
			return new RouteSpec(id, name, paths, methods, description, labels);
		}

		RuntimeConfig runtime(JsonNode node, String path) {
			if (!object(node, path, RUNTIME_FIELDS)) {
				return null;
			}
			Upstream upstream = upstream(node.get("upstream"), path + ".upstream");
			List<String> hosts = stringList(node, "hosts", path);
			String pathPrefix = string(node, "path_prefix", path);
			PassHost passHost = passHost(node, path);
			String upstreamHost = string(node, "upstream_host", path);
			Timeouts timeouts = timeouts(node.get("timeout"), path + ".timeout");
			return new RuntimeConfig(upstream, hosts, pathPrefix, passHost, upstreamHost, timeouts);
		}

		CanarySpec canary(JsonNode node, String path) {
			if (!object(node, path, CANARY_FIELDS)) {
				return null;
			}
			CanaryConditions conditions = conditions(node.get("conditions"), join(path, "conditions"));
			Integer weight = canaryWeight(node.get("weight"), join(path, "weight"), conditions != null);
			CanarySticky sticky = sticky(node.get("sticky"), join(path, "sticky"));
			JsonNode upstreamNode = node.get("upstream");
			Upstream upstream = (upstreamNode == null || upstreamNode.isNull()) ? null
					: upstream(upstreamNode, join(path, "upstream"));
			String version = string(node, "version", path);
			return new CanarySpec((weight != null) ? weight : 0, conditions, sticky, upstream, version);
		}

		private Integer canaryWeight(JsonNode node, String path, boolean conditional) {
			if (node == null || node.isNull()) {
				if (conditional) {
					return DEFAULT_CONDITIONAL_WEIGHT;
				}
				error(path, "is required unless conditions are given");
				return null;
			}
			if (!node.isIntegralNumber() || !node.canConvertToInt()) {
				error(path, "must be an integer from 0 to 100");
				return null;
			}
			return node.intValue();
		}

		private CanaryConditions conditions(JsonNode node, String path) {
			if (node == null || node.isNull()) {
				return null;
			}
			if (!object(node, path, CONDITIONS_FIELDS)) {
				return null;
			}
			CanaryConditions.Match match = enumValue(node, "match", path, CanaryConditions.Match.values());
			List<CanaryRule> rules = new ArrayList<>();
			JsonNode array = node.get("rules");
			String rulesPath = join(path, "rules");
			if (array == null || array.isNull()) {
				error(rulesPath, "is required");
			}
			else if (!array.isArray()) {
				error(rulesPath, "must be a JSON array");
			}
			else {
				for (int i = 0; i < array.size(); i++) {
					String at = rulesPath + "[" + i + "]";
					JsonNode rule = array.get(i);
					if (object(rule, at, RULE_FIELDS)) {
						rules.add(new CanaryRule(enumValue(rule, "source", at, CanaryRule.Source.values()),
								string(rule, "name", at), enumValue(rule, "operator", at, CanaryRule.Operator.values()),
								string(rule, "value", at)));
					}
				}
			}
			return new CanaryConditions(match, rules);
		}

		private CanarySticky sticky(JsonNode node, String path) {
			if (node == null || node.isNull()) {
				return null;
			}
			if (!object(node, path, STICKY_FIELDS)) {
				return null;
			}
			return new CanarySticky(enumValue(node, "source", path, CanarySticky.Source.values()),
					string(node, "name", path));
		}

		/**
		 * Reads a required enum value, written in lower case.
		 */
		private <E extends Enum<E>> E enumValue(JsonNode node, String field, String path, E[] values) {
			JsonNode raw = node.get(field);
			String value = string(node, field, path);
			StringBuilder allowed = new StringBuilder();
			for (E candidate : values) {
				String name = jsonValue(candidate);
				if (name.equals(value)) {
					return candidate;
				}
				allowed.append((allowed.length() > 0) ? ", " : "").append(name);
			}
			if (value != null) {
				error(join(path, field), "must be one of " + allowed);
			}
			else if (raw == null || raw.isNull()) {
				error(join(path, field), "is required (one of " + allowed + ")");
			}
			return null;
		}

		private Upstream upstream(JsonNode node, String path) {
			if (node == null || node.isNull()) {
				error(path, "is required");
				return null;
			}
			if (!node.isObject()) {
				error(path, "must be a JSON object");
				return null;
			}
			boolean nodes = node.has("nodes");
			boolean discovery = node.has("service_registry_id");
			if (nodes && discovery) {
				error(path, "must have either 'nodes' or 'service_registry_id', not both");
				return null;
			}
			if (!nodes && !discovery) {
				error(path, "must have either 'nodes' (fixed nodes) or 'service_registry_id' (service discovery)");
				return null;
			}
			if (nodes) {
				object(node, path, NODES_FIELDS);
				return nodesUpstream(node.get("nodes"), path + ".nodes");
			}
			object(node, path, DISCOVERY_FIELDS);
			return new DiscoveryUpstream(string(node, "service_registry_id", path), string(node, "namespace", path),
					string(node, "service_name", path), string(node, "port_name", path));
		}

		private NodesUpstream nodesUpstream(JsonNode array, String path) {
			if (!array.isArray()) {
				error(path, "must be a JSON array");
				return new NodesUpstream(List.of());
			}
			List<Node> nodes = new ArrayList<>();
			for (int i = 0; i < array.size(); i++) {
				JsonNode node = array.get(i);
				String at = path + "[" + i + "]";
				if (object(node, at, NODE_FIELDS)) {
					String host = string(node, "host", at);
					Integer port = integer(node, "port", at, null);
					Integer weight = integer(node, "weight", at, Node.DEFAULT_WEIGHT);
					if (port != null && weight != null) {
						nodes.add(new Node(host, port, weight));
					}
				}
			}
			return new NodesUpstream(nodes);
		}

		private PassHost passHost(JsonNode node, String path) {
			String value = string(node, "pass_host", path);
			if (value == null) {
				return PassHost.PASS;
			}
			for (PassHost candidate : PassHost.values()) {
				if (candidate.jsonValue().equals(value)) {
					return candidate;
				}
			}
			error(path + ".pass_host", "must be one of pass, node, rewrite");
			return null;
		}

		private Timeouts timeouts(JsonNode node, String path) {
			if (node == null || node.isNull()) {
				return null;
			}
			if (!object(node, path, TIMEOUT_FIELDS)) {
				return null;
			}
			return new Timeouts(duration(node.get("connect"), path + ".connect"),
					duration(node.get("read"), path + ".read"));
		}

		private Duration duration(JsonNode node, String path) {
			if (node == null || node.isNull()) {
				return null;
			}
			if (!node.isNumber()) {
				error(path, "must be a number of seconds");
				return null;
			}
			BigDecimal seconds = node.decimalValue();
			if (seconds.abs().compareTo(MAX_SECONDS) > 0) {
				error(path, "is out of range");
				return null;
			}
			BigDecimal millis = seconds.movePointRight(3);
			if (millis.stripTrailingZeros().scale() > 0) {
				error(path, "must have at most 3 decimal places (milliseconds)");
				return null;
			}
			return Duration.ofMillis(millis.longValueExact());
		}

		private Map<String, String> labels(JsonNode node, String path) {
			JsonNode labels = node.get("labels");
			if (labels == null || labels.isNull()) {
				return Map.of();
			}
			if (!labels.isObject()) {
				error(path + ".labels", "must be a JSON object");
				return Map.of();
			}
			Map<String, String> result = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : labels.properties()) {
				if (!entry.getValue().isString()) {
					error(path + ".labels." + entry.getKey(), "must be a string");
				}
				else {
					result.put(entry.getKey(), entry.getValue().stringValue());
				}
			}
			return result;
		}

		/**
		 * Checks that a node is an object with known fields only.
		 * @return whether it is an object
		 */
		private boolean object(JsonNode node, String path, Set<String> fields) {
			if (node == null || !node.isObject()) {
				error(path, "must be a JSON object");
				return false;
			}
			for (String name : node.propertyNames()) {
				if (!fields.contains(name)) {
					error(join(path, name), "is not a known field");
				}
			}
			return true;
		}

		private String string(JsonNode node, String field, String path) {
			JsonNode value = node.get(field);
			if (value == null || value.isNull()) {
				return null;
			}
			if (!value.isString()) {
				error(join(path, field), "must be a string");
				return null;
			}
			return value.stringValue();
		}

		private List<String> stringList(JsonNode node, String field, String path) {
			JsonNode value = node.get(field);
			if (value == null || value.isNull()) {
				return List.of();
			}
			if (!value.isArray()) {
				error(path + "." + field, "must be a JSON array of strings");
				return List.of();
			}
			List<String> result = new ArrayList<>();
			for (int i = 0; i < value.size(); i++) {
				if (!value.get(i).isString()) {
					error(path + "." + field + "[" + i + "]", "must be a string");
				}
				else {
					result.add(value.get(i).stringValue());
				}
			}
			return result;
		}

		private Integer integer(JsonNode node, String field, String path, Integer fallback) {
			JsonNode value = node.get(field);
			if (value == null || value.isNull()) {
				if (fallback == null) {
					error(path + "." + field, "is required");
				}
				return fallback;
			}
			if (!value.isIntegralNumber() || !value.canConvertToInt()) {
				error(path + "." + field, "must be an integer");
				return null;
			}
			return value.intValue();
		}

		private static String join(String path, String field) {
			return path.isEmpty() ? field : path + "." + field;
		}

		private static String firstLine(String message) {
			if (message == null) {
				return "unreadable";
			}
			int newline = message.indexOf('\n');
			return (newline >= 0) ? message.substring(0, newline) : message;
		}

	}

}
