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

import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.CompiledService;
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

	private static final int MAX_NAME = 100;

	private static final int MAX_DESCRIPTION = 2000;

	@Override
	public CompiledService compile(PublishedService service) {
		Objects.requireNonNull(service, "service");
		Errors errors = new Errors();
		errors.check("gateway_group_id", Text.idProblem(service.gatewayGroupId()));
		errors.check("service_id", Text.idProblem(service.serviceId()));
		errors.check("service_name", Text.textProblem(service.serviceName(), true, MAX_NAME));
		errors.check("version", Text.versionProblem(service.version()));
		errors.check("upstream_scheme", schemeProblem(service.upstreamScheme()));
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
			errors.check("path_prefix", PathRules.prefixProblem(prefix));
			hosts = hosts(runtime.hosts(), errors);
			upstream = UpstreamRules.upstream(runtime.upstream(), errors.at("upstream"));
			upstreamHost = UpstreamRules.upstreamHost(runtime, errors);
			connect = UpstreamRules.timeout(runtime.timeout().connect(), Timeouts.DEFAULT_CONNECT, errors,
					"timeout.connect");
			read = UpstreamRules.timeout(runtime.timeout().read(), Timeouts.DEFAULT_READ, errors, "timeout.read");
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
			errors.check("id", Text.idProblem(route.id()));
		}
		checkRoute(route, errors);
		return errors.toList();
	}

	@Override
	public List<FieldError> validateCanary(CanarySpec canary) {
		Objects.requireNonNull(canary, "canary");
		Errors errors = new Errors();
		CanaryRules.check(canary, errors);
		return errors.toList();
	}

	private void checkRoutes(List<RouteSpec> routes, Errors errors) {
		if (routes.isEmpty()) {
			errors.add("routes", "at least one route is required");
		}
		Map<String, Integer> names = new HashMap<>();
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < routes.size(); i++) {
			RouteSpec route = routes.get(i);
			Errors at = errors.at(FieldPath.index("routes", i));
			if (route == null) {
				at.add("", "must not be null");
				continue;
			}
			String idProblem = Text.idProblem(route.id());
			at.check("id", idProblem);
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
		errors.check("name", nameProblem);
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
			errors.check(FieldPath.index("paths", i), problem);
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
			errors.check(FieldPath.index("methods", i), problem);
		}
		errors.check("description", Text.textProblem(route.description(), false, MAX_DESCRIPTION, true));
		// Sorted so that errors come out in the same order every time.
		for (Map.Entry<String, String> label : new TreeMap<>(route.labels()).entrySet()) {
			if (Text.hasSpel(label.getKey())) {
				errors.add("labels", "key " + Text.SPEL_MESSAGE);
			}
			else if (label.getKey().isBlank()) {
				errors.add("labels", "keys must not be blank");
			}
			else if (Text.hasSpel(label.getValue())) {
				errors.add(FieldPath.key("labels", label.getKey()), Text.SPEL_MESSAGE);
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
			errors.check(FieldPath.index("hosts", i), problem);
		}
		return normalized.stream().sorted().toList();
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

}
