package io.portico.gateway.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portico.compiler.FieldError;
import io.portico.compiler.RouteCompilationException;
import io.portico.compiler.RouteCompiler;
import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.CompiledService;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.PublishedService;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.registry.RegistryConnection;
import io.portico.registry.RegistrySettings;
import io.portico.registry.RegistrySettingsRules;
import io.portico.registry.RegistryStoredFormat;
import io.portico.registry.RegistryType;

/**
 * Decodes and compiles the rows of a gateway group, one by one: a row that cannot be
 * served is skipped and reported, the others are not affected.
 *
 * <p>
 * Registry connections are decoded and checked with the admin's rules
 * ({@link RegistrySettingsRules}); a bad connection is skipped and reported, and so is
 * every service whose discovery upstream names it or names a connection the group does
 * not have. Pure and thread-safe; logging and metrics are the caller's. Example: <pre>
 * GroupConfig config = compiler.compile("default", revision, rows, registryRows);
 * config.errors(); // [ConfigError[serviceId=svc-2, version=1.0.1, message=...]]
 * </pre>
 */
public class PublishedServiceCompiler {

	private final RouteCompiler compiler;

	/**
	 * Creates the compiler.
	 * @param compiler the route compiler, the same the admin validates with
	 */
	public PublishedServiceCompiler(RouteCompiler compiler) {
		this.compiler = compiler;
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
		for (PublishedServiceRow row : rows) {
			try {
				CompiledService compiled = compileRow(group, row);
				if (compiled.upstream().upstream() instanceof DiscoveryUpstream discovery) {
					String registryId = discovery.serviceRegistryId();
					if (badRegistries.containsKey(registryId)) {
						errors.add(new ConfigError(row.serviceId(), row.version(), registryId, "its service registry '"
								+ registryId + "' is skipped: " + badRegistries.get(registryId)));
						continue;
					}
					if (!registries.containsKey(registryId)) {
						errors.add(new ConfigError(row.serviceId(), row.version(), registryId, "service registry '"
								+ registryId + "' does not exist in gateway group '" + group + "'"));
						continue;
					}
				}
				services.add(compiled);
			}
			catch (RouteCompilationException ex) {
				errors.add(new ConfigError(row.serviceId(), row.version(), ex.getMessage()));
			}
			catch (RuntimeException ex) {
				// A bug in decoding one row must not take the other services down.
				errors.add(new ConfigError(row.serviceId(), row.version(),
						"cannot be compiled: " + ex.getClass().getSimpleName() + ": " + ex.getMessage()));
			}
		}
		return new GroupConfig(revision, services, List.copyOf(registries.values()), errors);
	}

	// The problem with a registry row (adding the row to valid when there is none);
	// messages
	// name fields, never values, so that no secret reaches a log line.
	private static String registryProblem(String group, RegistryConnectionRow row,
			Map<String, RegistryConnection> valid) {
		RegistryType type = RegistryType.fromJson(row.type());
		if (type == null) {
			return "type: unknown registry type '" + row.type() + "'";
		}
		RegistrySettings settings;
		try {
			settings = RegistryStoredFormat.read(type, row.settings(), row.secrets());
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

	private CompiledService compileRow(String group, PublishedServiceRow row) {
		List<RouteSpec> routes = StoredFormat.readRoutes(row.routes());
		RuntimeConfig runtime = StoredFormat.readRuntime(row.runtime());
		return this.compiler.compile(new PublishedService(group, row.serviceId(), row.serviceName(), row.version(),
				row.upstreamScheme(), routes, runtime));
	}

}
