package io.portico.compiler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.portico.compiler.model.CanaryConditions;
import io.portico.compiler.model.CanaryRule;
import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.CanarySticky;
import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.CompiledService;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.PathMatch;
import io.portico.compiler.model.PublishedService;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.compiler.model.Timeouts;
import io.portico.compiler.model.Upstream;
import io.portico.compiler.model.UpstreamTarget;

/**
 * The route compiler: validates a whole published service, reporting every problem at
 * once, then compiles one route per (template route, path).
 *
 * <p>
 * Pure and stateless: deterministic, thread-safe, no I/O (host names are checked, never
 * resolved). Example: <pre>
 * RouteCompiler compiler = new DefaultRouteCompiler();
 * try {
 *     CompiledService compiled = compiler.compile(service);
 * }
 * catch (RouteCompilationException ex) {
 *     ex.getErrors(); // [FieldError[field=upstream.nodes[0].port, message=...]]
 * }
 * </pre>
 */
public final class DefaultRouteCompiler implements RouteCompiler {

	/** The HTTP methods a route may name. */
	public static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
			"CONNECT", "TRACE", "PURGE");

	private static final String METHODS_MESSAGE = "must be one of " + String.join(", ", METHODS);

	// Semantic Versioning 2.0.0, ASCII digits only.
	private static final Pattern SEMVER = Pattern.compile("(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
			+ "(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?"
			+ "(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?");

	private static final int MAX_VERSION = 64;

	private static final int MAX_NAME = 100;

	private static final int MAX_DESCRIPTION = 2000;

	private static final int MAX_REGISTRY_FIELD = 255;

	private static final int MAX_PORT = 65535;

	private static final int MAX_WEIGHT = 65535;

	private static final int MAX_CANARY_WEIGHT = 100;

	private static final String SOURCES_MESSAGE = "must be one of header, query, cookie";

	private static final String OPERATORS_MESSAGE = "must be one of equals, not_equals, regex, present";

	@Override
	public CompiledService compile(PublishedService service) {
		Objects.requireNonNull(service, "service");
		Errors errors = new Errors();
		check(errors, "gateway_group_id", Text.idProblem(service.gatewayGroupId()));
		check(errors, "service_id", Text.idProblem(service.serviceId()));
		check(errors, "service_name", Text.textProblem(service.serviceName(), true, MAX_NAME));
		check(errors, "version", versionProblem(service.version()));
		check(errors, "upstream_scheme", schemeProblem(service.upstreamScheme()));
		checkRoutes(service.routes(), errors);
		RuntimeConfig runtime = service.runtime();
		String prefix = "";
		List<String> hosts = List.of();
		Upstream upstream = null;
		String upstreamHost = null;
		Duration connect = Timeouts.DEFAULT_CONNECT;
		Duration read = Timeouts.DEFAULT_READ;
		if (runtime == null) {
			errors.add("runtime", "is required");
		}
		else {
			prefix = runtime.pathPrefix();
			check(errors, "path_prefix", PathRules.prefixProblem(prefix));
			hosts = hosts(runtime.hosts(), errors);
			upstream = upstream(runtime.upstream(), errors.at("upstream"));
			upstreamHost = upstreamHost(runtime, errors);
			connect = timeout(runtime.timeout().connect(), Timeouts.DEFAULT_CONNECT, errors, "timeout.connect");
			read = timeout(runtime.timeout().read(), Timeouts.DEFAULT_READ, errors, "timeout.read");
		}
		if (!errors.isEmpty()) {
			throw new RouteCompilationException(errors.toList());
		}
		List<CompiledRoute> compiled = new ArrayList<>();
		for (int r = 0; r < service.routes().size(); r++) {
			RouteSpec route = service.routes().get(r);
			List<String> methods = route.methods().stream().sorted().toList();
			for (int p = 0; p < route.paths().size(); p++) {
				PathMatch path = PathRules.compile(prefix, route.paths().get(p));
				compiled.add(new CompiledRoute(service.serviceId() + "/" + route.id() + "/" + p, service.serviceId(),
						route.id(), route.name(), path, methods, hosts, prefix, runtime.passHost(), upstreamHost,
						connect, read));
			}
		}
		compiled.sort(RoutePrecedence.INSTANCE);
		return new CompiledService(service.gatewayGroupId(), service.serviceId(), service.serviceName(),
				service.version(), new UpstreamTarget(service.upstreamScheme(), upstream), compiled);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The id is optional here (a new template route may not have one yet) but checked
	 * when present; uniqueness of names is the caller's concern, as only the whole
	 * service shows it.
	 */
	@Override
	public List<FieldError> validateRoute(RouteSpec route) {
		Objects.requireNonNull(route, "route");
		Errors errors = new Errors();
		if (route.id() != null) {
			check(errors, "id", Text.idProblem(route.id()));
		}
		checkRoute(route, errors);
		return errors.toList();
	}

	@Override
	public List<FieldError> validateCanary(CanarySpec canary) {
		Objects.requireNonNull(canary, "canary");
		Errors errors = new Errors();
		if (canary.weight() < 0 || canary.weight() > MAX_CANARY_WEIGHT) {
			errors.add("weight", "must be between 0 and " + MAX_CANARY_WEIGHT);
		}
		if (canary.conditions() != null) {
			checkConditions(canary.conditions(), errors.at("conditions"));
		}
		if (canary.sticky() != null) {
			checkSticky(canary.sticky(), errors.at("sticky"));
		}
		if (canary.upstream() != null && canary.version() != null) {
			errors.add("upstream", "exactly one of 'upstream' or 'version' must be given, not both");
		}
		else if (canary.upstream() == null && canary.version() == null) {
			errors.add("upstream",
					"exactly one of 'upstream' (an upstream canary) or 'version' (a version canary) is required");
		}
		else if (canary.upstream() != null) {
			upstream(canary.upstream(), errors.at("upstream"));
		}
		else {
			check(errors, "version", versionProblem(canary.version()));
		}
		return errors.toList();
	}

	private static void checkConditions(CanaryConditions conditions, Errors errors) {
		if (conditions.rules().isEmpty()) {
			errors.add("rules", "at least one rule is required when conditions are given");
		}
		for (int i = 0; i < conditions.rules().size(); i++) {
			CanaryRule rule = conditions.rules().get(i);
			Errors at = errors.at("rules[" + i + "]");
			if (rule.source() == null) {
				at.add("source", SOURCES_MESSAGE);
			}
			else {
				check(at, "name", CanaryRules.nameProblem(rule.source(), rule.name()));
			}
			if (rule.operator() == null) {
				at.add("operator", OPERATORS_MESSAGE);
			}
			else {
				check(at, "value", CanaryRules.valueProblem(rule.operator(), rule.value()));
			}
		}
	}

	private static void checkSticky(CanarySticky sticky, Errors errors) {
		if (sticky.source() == null) {
			errors.add("source", "must be one of header, cookie, client_address");
		}
		else if (sticky.source() == CanarySticky.Source.CLIENT_ADDRESS) {
			if (sticky.name() != null && !sticky.name().isEmpty()) {
				errors.add("name", "must be empty when source is 'client_address'");
			}
		}
		else {
			check(errors, "name", CanaryRules.tokenProblem(sticky.name(),
					(sticky.source() == CanarySticky.Source.HEADER) ? "header" : "cookie"));
		}
	}

	private void checkRoutes(List<RouteSpec> routes, Errors errors) {
		if (routes.isEmpty()) {
			errors.add("routes", "at least one route is required");
		}
		Map<String, Integer> names = new HashMap<>();
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < routes.size(); i++) {
			RouteSpec route = routes.get(i);
			Errors at = errors.at("routes[" + i + "]");
			if (route == null) {
				at.add("", "must not be null");
				continue;
			}
			String idProblem = Text.idProblem(route.id());
			check(at, "id", idProblem);
			if (idProblem == null && !ids.add(route.id())) {
				at.add("id", "duplicate route id '" + route.id() + "'");
			}
			if (checkRoute(route, at)) {
				Integer first = names.putIfAbsent(route.name(), i);
				if (first != null) {
					at.add("name", "duplicate route name '" + route.name() + "' (also routes[" + first + "])");
				}
			}
		}
	}

	/**
	 * Applies the route-level rules.
	 * @return whether the name is valid
	 */
	private boolean checkRoute(RouteSpec route, Errors errors) {
		String nameProblem = Text.textProblem(route.name(), true, MAX_NAME);
		check(errors, "name", nameProblem);
		if (route.paths().isEmpty()) {
			errors.add("paths", "at least one path is required");
		}
		Set<String> paths = new HashSet<>();
		for (int i = 0; i < route.paths().size(); i++) {
			String path = route.paths().get(i);
			String problem = PathRules.pathProblem(path);
			if (problem == null && !paths.add(path)) {
				problem = "duplicate path '" + path + "'";
			}
			check(errors, "paths[" + i + "]", problem);
		}
		Set<String> methods = new HashSet<>();
		for (int i = 0; i < route.methods().size(); i++) {
			String method = route.methods().get(i);
			String problem = null;
			if (Text.hasSpel(method)) {
				problem = Text.SPEL_MESSAGE;
			}
			else if (method == null || !METHODS.contains(method)) {
				problem = METHODS_MESSAGE;
			}
			else if (!methods.add(method)) {
				problem = "duplicate method '" + method + "'";
			}
			check(errors, "methods[" + i + "]", problem);
		}
		check(errors, "description", Text.textProblem(route.description(), false, MAX_DESCRIPTION, true));
		// Sorted so that errors come out in the same order every time.
		for (Map.Entry<String, String> label : new TreeMap<>(route.labels()).entrySet()) {
			if (Text.hasSpel(label.getKey())) {
				errors.add("labels", "key " + Text.SPEL_MESSAGE);
			}
			else if (label.getKey().isBlank()) {
				errors.add("labels", "keys must not be blank");
			}
			else if (Text.hasSpel(label.getValue())) {
				errors.add("labels." + label.getKey(), Text.SPEL_MESSAGE);
			}
		}
		return nameProblem == null;
	}

	private static List<String> hosts(List<String> hosts, Errors errors) {
		List<String> normalized = new ArrayList<>();
		for (int i = 0; i < hosts.size(); i++) {
			String host = hosts.get(i);
			String problem = HostRules.requestHostProblem(host);
			if (problem == null) {
				String lower = host.toLowerCase(Locale.ROOT);
				if (normalized.contains(lower)) {
					problem = "duplicate host '" + lower + "'";
				}
				else {
					normalized.add(lower);
				}
			}
			check(errors, "hosts[" + i + "]", problem);
		}
		return normalized.stream().sorted().toList();
	}

	private static Upstream upstream(Upstream upstream, Errors errors) {
		if (upstream == null) {
			errors.add("", "is required");
			return null;
		}
		if (upstream instanceof NodesUpstream nodes) {
			return nodes(nodes, errors);
		}
		return discovery((DiscoveryUpstream) upstream, errors);
	}

	private static NodesUpstream nodes(NodesUpstream upstream, Errors errors) {
		if (upstream.nodes().isEmpty()) {
			errors.add("nodes", "at least one node is required");
			return upstream;
		}
		List<Node> nodes = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		boolean anyWeight = false;
		boolean weightsValid = true;
		for (int i = 0; i < upstream.nodes().size(); i++) {
			Node node = upstream.nodes().get(i);
			Errors at = errors.at("nodes[" + i + "]");
			if (node == null) {
				at.add("", "must not be null");
				continue;
			}
			String hostProblem = HostRules.nodeHostProblem(node.host());
			check(at, "host", hostProblem);
			boolean portValid = node.port() >= 1 && node.port() <= MAX_PORT;
			if (!portValid) {
				at.add("port", "must be between 1 and " + MAX_PORT);
			}
			if (node.weight() < 0 || node.weight() > MAX_WEIGHT) {
				at.add("weight", "must be between 0 and " + MAX_WEIGHT);
				weightsValid = false;
			}
			anyWeight |= node.weight() > 0;
			if (hostProblem == null) {
				String host = HostRules.normalizeNodeHost(node.host());
				String key = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + node.port();
				if (portValid && !seen.add(key)) {
					at.add("", "duplicate node '" + key + "'");
				}
				nodes.add(new Node(host, node.port(), node.weight()));
			}
		}
		if (weightsValid && !anyWeight) {
			errors.add("nodes", "at least one node must have a weight above 0");
		}
		return new NodesUpstream(nodes);
	}

	private static DiscoveryUpstream discovery(DiscoveryUpstream upstream, Errors errors) {
		check(errors, "service_registry_id", Text.textProblem(upstream.serviceRegistryId(), true, MAX_REGISTRY_FIELD));
		check(errors, "namespace", Text.textProblem(upstream.namespace(), false, MAX_REGISTRY_FIELD));
		check(errors, "service_name", Text.textProblem(upstream.serviceName(), true, MAX_REGISTRY_FIELD));
		check(errors, "port_name", Text.textProblem(upstream.portName(), false, MAX_REGISTRY_FIELD));
		String namespace = (upstream.namespace() != null) ? upstream.namespace() : "";
		String portName = Text.isBlank(upstream.portName()) ? null : upstream.portName();
		return new DiscoveryUpstream(upstream.serviceRegistryId(), namespace, upstream.serviceName(), portName);
	}

	private static String upstreamHost(RuntimeConfig runtime, Errors errors) {
		String value = runtime.upstreamHost();
		boolean empty = value == null || value.isEmpty();
		if (runtime.passHost() == PassHost.REWRITE) {
			if (empty) {
				errors.add("upstream_host", "is required when pass_host is 'rewrite'");
				return null;
			}
			String problem = HostRules.hostHeaderProblem(value);
			check(errors, "upstream_host", problem);
			return (problem != null) ? null : value.toLowerCase(Locale.ROOT);
		}
		if (!empty) {
			errors.add("upstream_host", "must be empty unless pass_host is 'rewrite'");
		}
		return null;
	}

	private static Duration timeout(Duration value, Duration fallback, Errors errors, String field) {
		if (value == null) {
			return fallback;
		}
		if (value.isNegative() || value.isZero() || value.compareTo(Timeouts.MAX) > 0) {
			errors.add(field, "must be greater than 0 and at most " + Timeouts.MAX.getSeconds() + " seconds");
		}
		else if (value.getNano() % 1_000_000 != 0) {
			// The gateway's client takes whole milliseconds; a smaller fraction would be
			// lost.
			errors.add(field, "must be a whole number of milliseconds");
		}
		return value;
	}

	private static String versionProblem(String version) {
		if (version == null || version.isEmpty()) {
			return "must not be blank";
		}
		if (Text.hasSpel(version)) {
			return Text.SPEL_MESSAGE;
		}
		if (version.length() > MAX_VERSION) {
			return "must be at most " + MAX_VERSION + " characters";
		}
		if (!SEMVER.matcher(version).matches()) {
			return "must be a semantic version such as 1.0.0 or 1.0.0-rc.1";
		}
		return null;
	}

	private static String schemeProblem(String scheme) {
		if (Text.hasSpel(scheme)) {
			return Text.SPEL_MESSAGE;
		}
		if (!"http".equals(scheme) && !"https".equals(scheme)) {
			return "must be 'http' or 'https'";
		}
		return null;
	}

	private static void check(Errors errors, String field, String problem) {
		if (problem != null) {
			errors.add(field, problem);
		}
	}

}
