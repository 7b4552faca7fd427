package io.portico.gateway.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.portico.compiler.FieldError;
import io.portico.compiler.RouteCompilationException;
import io.portico.compiler.RouteCompiler;
import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.CompiledService;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.PublishedService;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.compiler.model.Upstream;
import io.portico.gateway.canary.CompiledCanary;
import io.portico.registry.RegistryConnection;
import io.portico.registry.RegistrySettings;
import io.portico.registry.RegistrySettingsRules;
import io.portico.registry.RegistryStoredFormat;
import io.portico.registry.RegistryType;
import io.portico.secrets.SecretCipher;
import io.portico.secrets.SecretKeys;
import io.portico.secrets.SecretUnreadableException;

/**
 * Decodes and compiles the rows of a gateway group, one by one: a row that cannot be
 * served is skipped and reported, the others are not affected. The outcome of each row is
 * remembered until the next compile: a row whose service, published version, runtime and
 * canary are unchanged (and the group's registry connections too) is not compiled again,
 * so a publish that changes one service recompiles only that one.
 *
 * <p>
 * Registry connections are decoded and checked with the admin's rules
 * ({@link RegistrySettingsRules}); a bad connection is skipped and reported, and so is
 * every service whose discovery upstream names it or names a connection the group does
 * not have. Their secrets are decrypted with the gateway's keys ({@link SecretCipher}); a
 * connection whose secrets cannot be decrypted is skipped and reported the same way.
 *
 * <p>
 * A canary ({@code published_service.canary}) is decoded and checked like the admin does
 * ({@link RouteCompiler#validateCanary}); an upstream canary's upstream is compiled like
 * a runtime upstream, a version canary's routes (the joined canary version) are compiled
 * with the service's runtime configuration. A canary that cannot be served is dropped and
 * reported ({@link ConfigError#canary}); its service keeps being served. Thread-safe;
 * logging and metrics are the caller's. Example: <pre>
 * GroupConfig config = compiler.compile("default", revision, rows, registryRows);
 * config.errors(); // [ConfigError[serviceId=svc-2, version=1.0.1, message=...]]
 * </pre>
 */
public class PublishedServiceCompiler {

	private final RouteCompiler compiler;

	private final SecretCipher cipher;

	private final AtomicLong rowsCompiled = new AtomicLong();

	// The outcome of each row of the last compile, so that a reload recompiles only the
	// services that changed. Replaced whole; concurrent compiles stay correct since an
	// outcome is only reused for the same inputs.
	private volatile Outcomes outcomes = new Outcomes("", List.of(), Map.of());

	/**
	 * Creates a compiler without a secrets key: registry secrets stored in plain text are
	 * read, encrypted ones make their connection skipped.
	 * @param compiler the route compiler, the same the admin validates with
	 */
	public PublishedServiceCompiler(RouteCompiler compiler) {
		this(compiler, new SecretCipher(SecretKeys.none()));
	}

	public PublishedServiceCompiler(RouteCompiler compiler, SecretCipher cipher) {
		this.compiler = compiler;
		this.cipher = cipher;
	}

	/**
	 * Compiles every row of a group without registry connections.
	 * @param group the gateway group id
	 * @param revision the revision the rows belong to
	 * @param rows the rows of the group
	 * @return the services that compiled and one error per skipped row
	 */
	public GroupConfig compile(String group, long revision, List<PublishedServiceRow> rows) {
		return compile(group, revision, rows, List.of());
	}

	/**
	 * Compiles every row.
	 * @param group the gateway group id
	 * @param revision the revision the rows belong to
	 * @param rows the service rows of the group
	 * @param registryRows the registry connection rows of the group
	 * @return the services that compiled, the valid registry connections and one error
	 * per skipped row
	 */
	public GroupConfig compile(String group, long revision, List<PublishedServiceRow> rows,
			List<RegistryConnectionRow> registryRows) {
		List<ConfigError> errors = new ArrayList<>();
		Map<String, RegistryConnection> registries = new LinkedHashMap<>();
		Map<String, String> badRegistries = new LinkedHashMap<>();
		for (RegistryConnectionRow row : registryRows) {
			String problem = registryProblem(group, row, registries);
			if (problem != null) {
				badRegistries.put(row.id(), problem);
				errors.add(new ConfigError(null, null, row.id(),
						"service registry '" + row.name() + "' is skipped: " + problem));
			}
		}
		List<CompiledService> services = new ArrayList<>();
		List<CompiledCanary> canaries = new ArrayList<>();
		Outcomes previous = this.outcomes;
		boolean reusable = previous.isFor(group, registryRows);
		Map<PublishedServiceRow, RowOutcome> current = new HashMap<>();
		for (PublishedServiceRow row : rows) {
			// The row without its versions' routes is the key: a published version's
			// routes never change, so same columns, same outcome. Keys hold no routes
			// JSON.
			PublishedServiceRow key = row.withoutRoutes();
			RowOutcome outcome = reusable ? previous.byRow().get(key) : null;
			if (outcome == null) {
				outcome = compileRow(group, row, registries, badRegistries);
			}
			current.put(key, outcome);
			if (outcome.service() != null) {
				services.add(outcome.service());
			}
			if (outcome.canary() != null) {
				canaries.add(outcome.canary());
			}
			errors.addAll(outcome.errors());
		}
		this.outcomes = new Outcomes(group, List.copyOf(registryRows), current);
		return new GroupConfig(revision, services, canaries, List.copyOf(registries.values()), errors);
	}

	/**
	 * Compiles one row: its service (or an error) and its canary (or a canary error).
	 */
	private RowOutcome compileRow(String group, PublishedServiceRow row, Map<String, RegistryConnection> registries,
			Map<String, String> badRegistries) {
		this.rowsCompiled.incrementAndGet();
		List<ConfigError> errors = new ArrayList<>();
		try {
			List<RouteSpec> routes = StoredFormat.readRoutes(row.routes());
			RuntimeConfig runtime = StoredFormat.readRuntime(row.runtime());
			CompiledService compiled = this.compiler.compile(new PublishedService(group, row.serviceId(),
					row.serviceName(), row.version(), row.upstreamScheme(), routes, runtime));
			String registryId = registryId(compiled.upstream().upstream());
			String registryProblem = registryUseProblem(group, registryId, registries, badRegistries);
			if (registryProblem != null) {
				errors.add(new ConfigError(row.serviceId(), row.version(), registryId, registryProblem));
				return new RowOutcome(null, null, errors);
			}
			CompiledCanary canary = null;
			if (row.canary() != null) {
				canary = compileCanary(group, row, routes, runtime, registries, badRegistries, errors);
			}
			return new RowOutcome(compiled, canary, errors);
		}
		catch (RouteCompilationException ex) {
			errors.add(new ConfigError(row.serviceId(), row.version(), ex.getMessage()));
		}
		catch (RuntimeException ex) {
			// A bug in decoding one row must not take the other services down.
			errors.add(new ConfigError(row.serviceId(), row.version(),
					"cannot be compiled: " + ex.getClass().getSimpleName() + ": " + ex.getMessage()));
		}
		return new RowOutcome(null, null, errors);
	}

	/**
	 * The published versions whose routes {@link #compile} needs for these rows: those of
	 * the rows whose outcome cannot be reused. The other rows may be passed without
	 * routes ({@link PublishedServiceRow#withoutRoutes()}).
	 * @param group the gateway group id
	 * @param rows the service rows of the group, with or without routes
	 * @param registryRows the registry connection rows of the group
	 * @return the {@code published_version} ids (current and canary versions)
	 */
	public Set<String> versionsToRead(String group, List<PublishedServiceRow> rows,
			List<RegistryConnectionRow> registryRows) {
		Outcomes previous = this.outcomes;
		boolean reusable = previous.isFor(group, registryRows);
		Set<String> ids = new LinkedHashSet<>();
		for (PublishedServiceRow row : rows) {
			if (!reusable || !previous.byRow().containsKey(row.withoutRoutes())) {
				ids.add(row.versionId());
				if (row.canaryVersionId() != null) {
					ids.add(row.canaryVersionId());
				}
			}
		}
		return ids;
	}

	/**
	 * How many rows this compiler has compiled (rows whose outcome was reused are not
	 * counted).
	 * @return the count since creation
	 */
	public long rowsCompiled() {
		return this.rowsCompiled.get();
	}

	// The problem with a registry row (adding the row to valid when there is none);
	// messages name fields and key ids, never values, so that no secret reaches a log
	// line.
	private String registryProblem(String group, RegistryConnectionRow row, Map<String, RegistryConnection> valid) {
		RegistryType type = RegistryType.fromJson(row.type());
		if (type == null) {
			return "type: unknown registry type '" + row.type() + "'";
		}
		String secrets;
		try {
			secrets = this.cipher.decrypt(row.secrets(), row.id());
		}
		catch (SecretUnreadableException ex) {
			return ex.getMessage();
		}
		RegistrySettings settings;
		try {
			settings = RegistryStoredFormat.read(type, row.settings(), secrets);
		}
		catch (RuntimeException ex) {
			// RegistryStoredFormat's messages name the column, never its content.
			return (ex instanceof IllegalArgumentException) ? ex.getMessage()
					: "cannot be read: " + ex.getClass().getSimpleName();
		}
		List<FieldError> problems = RegistrySettingsRules.validate(settings);
		if (!problems.isEmpty()) {
			List<String> parts = new ArrayList<>();
			for (FieldError problem : problems) {
				parts.add(problem.field() + ": " + problem.message());
			}
			return String.join("; ", parts);
		}
		valid.put(row.id(), new RegistryConnection(row.id(), group, row.name(), settings));
		return null;
	}

	/**
	 * Compiles the canary of a served service.
	 * @return the canary, or {@code null} when it is dropped (and reported in errors)
	 */
	private CompiledCanary compileCanary(String group, PublishedServiceRow row, List<RouteSpec> routes,
			RuntimeConfig runtime, Map<String, RegistryConnection> registries, Map<String, String> badRegistries,
			List<ConfigError> errors) {
		try {
			CanarySpec spec = StoredFormat.readCanary(row.canary());
			List<FieldError> problems = this.compiler.validateCanary(spec);
			if (!problems.isEmpty()) {
				throw new RouteCompilationException(
						problems.stream().map((problem) -> problem.under(StoredFormat.CANARY)).toList());
			}
			if (spec.upstream() != null) {
				// The routes stay; only the upstream changes, checked like a runtime
				// upstream.
				CompiledService withCanaryUpstream = this.compiler.compile(new PublishedService(group, row.serviceId(),
						row.serviceName(), row.version(), row.upstreamScheme(), routes,
						new RuntimeConfig(spec.upstream(), runtime.hosts(), runtime.pathPrefix(), runtime.passHost(),
								runtime.upstreamHost(), runtime.timeout())));
				String registryId = registryId(withCanaryUpstream.upstream().upstream());
				String problem = registryUseProblem(group, registryId, registries, badRegistries);
				if (problem != null) {
					errors.add(ConfigError.canary(row.serviceId(), row.version(), registryId, problem));
					return null;
				}
				return new CompiledCanary(row.serviceId(), spec, withCanaryUpstream.upstream(), null);
			}
			if (row.canaryVersionId() == null || row.canaryRoutes() == null) {
				errors.add(ConfigError.canary(row.serviceId(), row.version(), null, "canary version '" + spec.version()
						+ "' is not a published version of this service (canary_version_id)"));
				return null;
			}
			if (!spec.version().equals(row.canaryVersion())) {
				errors.add(ConfigError.canary(row.serviceId(), row.version(), null, "canary.version '" + spec.version()
						+ "' differs from the version of canary_version_id '" + row.canaryVersion() + "'"));
				return null;
			}
			List<RouteSpec> canaryRoutes = StoredFormat.readRoutes(row.canaryRoutes());
			CompiledService version = this.compiler.compile(new PublishedService(group, row.serviceId(),
					row.serviceName(), row.canaryVersion(), row.canaryUpstreamScheme(), canaryRoutes, runtime));
			return new CompiledCanary(row.serviceId(), spec, null, withCanaryRouteIds(version));
		}
		catch (RouteCompilationException ex) {
			errors.add(ConfigError.canary(row.serviceId(), row.version(), null, ex.getMessage()));
		}
		catch (RuntimeException ex) {
			errors.add(ConfigError.canary(row.serviceId(), row.version(), null,
					"cannot be compiled: " + ex.getClass().getSimpleName() + ": " + ex.getMessage()));
		}
		return null;
	}

	// Both versions' routes share one table: the canary's ids must differ from the
	// baseline's, which are <serviceId>/<routeId>/<pathIndex>.
	private static CompiledService withCanaryRouteIds(CompiledService version) {
		String baselinePrefix = version.serviceId() + "/";
		List<CompiledRoute> routes = new ArrayList<>();
		for (CompiledRoute route : version.routes()) {
			String id = version.serviceId() + CompiledCanary.ROUTE_ID_MARKER + "/"
					+ route.id().substring(baselinePrefix.length());
			routes.add(new CompiledRoute(id, route.serviceId(), route.routeId(), route.routeName(), route.path(),
					route.methods(), route.hosts(), route.stripPrefix(), route.passHost(), route.upstreamHost(),
					route.connectTimeout(), route.readTimeout()));
		}
		return new CompiledService(version.gatewayGroupId(), version.serviceId(), version.serviceName(),
				version.version(), version.upstream(), routes);
	}

	private static String registryId(Upstream upstream) {
		return (upstream instanceof DiscoveryUpstream discovery) ? discovery.serviceRegistryId() : null;
	}

	// Why a discovery upstream's registry connection cannot be used; null when it can
	// (or the upstream is not a discovery upstream).
	private static String registryUseProblem(String group, String registryId,
			Map<String, RegistryConnection> registries, Map<String, String> badRegistries) {
		if (registryId == null) {
			return null;
		}
		if (badRegistries.containsKey(registryId)) {
			return "its service registry '" + registryId + "' is skipped: " + badRegistries.get(registryId);
		}
		if (!registries.containsKey(registryId)) {
			return "service registry '" + registryId + "' does not exist in gateway group '" + group + "'";
		}
		return null;
	}

	/**
	 * The result of compiling one row.
	 *
	 * @param service the service to serve, or {@code null} when the row is skipped
	 * @param canary the service's canary, or {@code null}
	 * @param errors what was skipped
	 */
	private record RowOutcome(CompiledService service, CompiledCanary canary, List<ConfigError> errors) {

		RowOutcome {
			errors = List.copyOf(errors);
		}

	}

	/**
	 * The outcomes of one compile.
	 *
	 * @param group the gateway group
	 * @param registryRows the registry connection rows it used
	 * @param byRow the outcome of each row, keyed by the row without routes
	 */
	private record Outcomes(String group, List<RegistryConnectionRow> registryRows,
			Map<PublishedServiceRow, RowOutcome> byRow) {

		// An outcome depends on the row and, through registry checks, on the group's
		// registry connections.
		boolean isFor(String otherGroup, List<RegistryConnectionRow> otherRegistryRows) {
			return this.group.equals(otherGroup) && this.registryRows.equals(otherRegistryRows);
		}

	}

}
