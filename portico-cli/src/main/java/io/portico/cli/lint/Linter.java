package io.portico.cli.lint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.portico.cli.file.FileProblem;
import io.portico.cli.file.LoadedConfig;
import io.portico.cli.model.NodeEntry;
import io.portico.cli.model.RouteEntry;
import io.portico.cli.model.ServiceEntry;
import io.portico.cli.model.TimeoutEntry;
import io.portico.cli.model.UpstreamEntry;
import io.portico.compiler.DefaultRouteCompiler;
import io.portico.compiler.FieldError;
import io.portico.compiler.RouteCompilationException;
import io.portico.compiler.RouteCompiler;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.PublishedService;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.compiler.model.Timeouts;
import io.portico.compiler.model.Upstream;

/**
 * Checks merged declarative files without a server. A service with an upstream is
 * compiled as a published version would be (paths, methods, hosts, path prefix, nodes,
 * ports 1 to 65535, weights, timeouts, {@code pass_host}, version); one without is
 * checked route by route as a template. Errors are named in the file:
 * {@code services[3].routes[0].uris[1]}. Example: <pre>
 * List&lt;FileProblem&gt; problems = new Linter().lint(loaded);
 * </pre>
 */
public final class Linter {

	/** The version checked when a service has none (the server chooses one). */
	private static final String NO_VERSION = "0.0.0";

	private final RouteCompiler compiler;

	/**
	 * Creates a linter with Portico's route compiler.
	 */
	public Linter() {
		this.compiler = new DefaultRouteCompiler();
	}

	/**
	 * Checks every service.
	 * @param loaded the merged files
	 * @return every problem, in file order; empty when the files are valid
	 */
	public List<FileProblem> lint(LoadedConfig loaded) {
		List<FileProblem> problems = new ArrayList<>();
		List<ServiceEntry> services = loaded.config().services();
		for (int i = 0; i < services.size(); i++) {
			ServiceEntry service = services.get(i);
			for (FieldError error : check(service)) {
				String field = fileField(service, error.field());
				if (field != null) {
					problems.add(loaded.locate("services[" + i + "]" + (field.isEmpty() ? "" : "." + field),
							error.message()));
				}
			}
		}
		return problems;
	}

	private List<FieldError> check(ServiceEntry service) {
		List<RouteSpec> routes = new ArrayList<>();
		for (int r = 0; r < service.routes().size(); r++) {
			RouteEntry route = service.routes().get(r);
			routes.add(new RouteSpec("r" + r, route.name(), route.uris(), route.methods(), route.description(),
					route.labels()));
		}
		if (service.upstream() == null) {
			List<FieldError> errors = new ArrayList<>();
			for (int r = 0; r < routes.size(); r++) {
				for (FieldError error : this.compiler.validateRoute(routes.get(r))) {
					errors.add(error.under("routes[" + r + "]"));
				}
			}
			return errors;
		}
		UpstreamEntry upstream = service.upstream();
		List<FieldError> errors = new ArrayList<>();
		String scheme = (service.upstreamScheme() != null) ? service.upstreamScheme()
				: (upstream.scheme() != null) ? upstream.scheme() : "http";
		TimeoutEntry timeout = upstream.timeout();
		Timeouts timeouts = (timeout != null) ? new Timeouts(duration(timeout.connect()), duration(timeout.read()))
				: null;
		if (timeout != null && timeout.send() != null) {
			Duration send = duration(timeout.send());
			if (send.isNegative() || send.isZero() || send.compareTo(Timeouts.MAX) > 0) {
				errors.add(new FieldError("upstream.timeout.send",
						"must be greater than 0 and at most " + Timeouts.MAX.getSeconds() + " seconds"));
			}
		}
		PassHost passHost = (upstream.passHost() != null)
				? PassHost.valueOf(upstream.passHost().toUpperCase(Locale.ROOT)) : null;
		RuntimeConfig runtime = new RuntimeConfig(upstream(upstream), service.hosts(), service.pathPrefix(), passHost,
				upstream.upstreamHost(), timeouts);
		String version = (service.version() != null) ? service.version() : NO_VERSION;
		try {
			this.compiler
				.compile(new PublishedService("lint", "lint", service.name(), version, scheme, routes, runtime));
		}
		catch (RouteCompilationException ex) {
			errors.addAll(ex.getErrors());
		}
		return errors;
	}

	private static Upstream upstream(UpstreamEntry upstream) {
		if (upstream.isDiscovery()) {
			return new DiscoveryUpstream(upstream.discoveryType(), upstream.discoveryArgs().get("namespace"),
					upstream.serviceName(), upstream.discoveryArgs().get("port_name"));
		}
		List<Node> nodes = new ArrayList<>();
		for (NodeEntry node : upstream.nodes()) {
			nodes.add(new Node(node.host(), node.port(), node.weight()));
		}
		return new NodesUpstream(nodes);
	}

	private static Duration duration(Double seconds) {
		return (seconds != null) ? Duration.ofNanos(Math.round(seconds * 1_000_000_000d)) : null;
	}

	/**
	 * The compiler's field name as the file's path, or {@code null} for a problem the
	 * file cannot have (route ids, which the file does not carry; duplicate route names,
	 * which reading the file already reports).
	 */
	private static String fileField(ServiceEntry service, String field) {
		if (field.startsWith("routes[")) {
			int end = field.indexOf(']');
			int index = Integer.parseInt(field.substring("routes[".length(), end));
			String rest = field.substring(end + 1);
			if (rest.equals(".id")
					|| rest.equals(".name") && service.routes().size() > index && duplicateName(service, index)) {
				return null;
			}
			String uriField = (index < service.routes().size()) ? service.routes().get(index).uriField()
					: RouteEntry.URIS;
			if (rest.startsWith(".paths")) {
				rest = "." + uriField + rest.substring(".paths".length());
			}
			return "routes[" + index + "]" + rest;
		}
		switch (field) {
			case "service_name":
				return "name";
			case "upstream_scheme":
				return (service.upstreamScheme() == null && service.upstream() != null
						&& service.upstream().scheme() != null) ? "upstream.scheme" : "upstream_scheme";
			case "pass_host":
			case "upstream_host":
				return "upstream." + field;
			case "upstream.service_registry_id":
				return "upstream.discovery_type";
			case "upstream.namespace":
				return "upstream.discovery_args.namespace";
			case "upstream.port_name":
				return "upstream.discovery_args.port_name";
			default:
				break;
		}
		if (field.startsWith("timeout.")) {
			return "upstream." + field;
		}
		return field;
	}

	private static boolean duplicateName(ServiceEntry service, int index) {
		String name = service.routes().get(index).name();
		for (int i = 0; i < index; i++) {
			if (name != null && name.equals(service.routes().get(i).name())) {
				return true;
			}
		}
		return false;
	}

}
