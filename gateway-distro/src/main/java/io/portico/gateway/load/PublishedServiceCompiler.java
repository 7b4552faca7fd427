package io.portico.gateway.load;

import java.util.ArrayList;
import java.util.List;

import io.portico.compiler.RouteCompilationException;
import io.portico.compiler.RouteCompiler;
import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.CompiledService;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.PublishedService;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;

/**
 * Decodes and compiles the rows of a gateway group, one by one: a row that cannot be
 * served is skipped and reported, the others are not affected.
 *
 * <p>
 * Pure and thread-safe; logging and metrics are the caller's. Example: <pre>
 * GroupConfig config = compiler.compile("default", revision, rows);
 * config.errors(); // [ConfigError[serviceId=svc-2, version=1.0.1, message=...]]
 * </pre>
 */
public class PublishedServiceCompiler {

	static final String DISCOVERY_NOT_SUPPORTED = "service discovery upstreams are not supported by this gateway yet";

	private final RouteCompiler compiler;

	/**
	 * Creates the compiler.
	 * @param compiler the route compiler, the same the admin validates with
	 */
	public PublishedServiceCompiler(RouteCompiler compiler) {
		this.compiler = compiler;
	}

	/**
	 * Compiles every row.
	 * @param group the gateway group id
	 * @param revision the revision the rows belong to
	 * @param rows the rows of the group
	 * @return the services that compiled and one error per skipped row
	 */
	public GroupConfig compile(String group, long revision, List<PublishedServiceRow> rows) {
		List<CompiledService> services = new ArrayList<>();
		List<ConfigError> errors = new ArrayList<>();
		for (PublishedServiceRow row : rows) {
			try {
				services.add(compileRow(group, row));
			}
			catch (RouteCompilationException | UnsupportedUpstreamException ex) {
				errors.add(new ConfigError(row.serviceId(), row.version(), ex.getMessage()));
			}
			catch (RuntimeException ex) {
				// A bug in decoding one row must not take the other services down.
				errors.add(new ConfigError(row.serviceId(), row.version(),
						"cannot be compiled: " + ex.getClass().getSimpleName() + ": " + ex.getMessage()));
			}
		}
		return new GroupConfig(revision, services, errors);
	}

	private CompiledService compileRow(String group, PublishedServiceRow row) {
		List<RouteSpec> routes = StoredFormat.readRoutes(row.routes());
		RuntimeConfig runtime = StoredFormat.readRuntime(row.runtime());
		CompiledService compiled = this.compiler.compile(new PublishedService(group, row.serviceId(), row.serviceName(),
				row.version(), row.upstreamScheme(), routes, runtime));
		if (compiled.upstream().upstream() instanceof DiscoveryUpstream) {
			throw new UnsupportedUpstreamException(DISCOVERY_NOT_SUPPORTED);
		}
		return compiled;
	}

	/**
	 * The upstream compiles but this gateway cannot serve it.
	 */
	private static final class UnsupportedUpstreamException extends RuntimeException {

		UnsupportedUpstreamException(String message) {
			super(message);
		}

	}

}
