package io.portico.compiler.json;

import java.util.List;

import io.portico.compiler.RouteCompilationException;
import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;

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
 * fixed key order, labels sorted. Thread-safe. Each document has its reader and writer
 * ({@code RoutesDocument}, {@code RuntimeDocument}, {@code CanaryDocument}) over one
 * error-collecting {@code JsonReader}. Example: <pre>
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
		return RoutesDocument.read(json);
	}

	/**
	 * Writes the routes of a published version.
	 * @param routes the routes
	 * @return compact JSON with a fixed key order
	 */
	public static String writeRoutes(List<RouteSpec> routes) {
		return RoutesDocument.write(routes);
	}

	/**
	 * Reads a runtime configuration.
	 * @param json the stored JSON object
	 * @return the runtime configuration
	 * @throws RouteCompilationException when the JSON is malformed or has the wrong
	 * shape, with fields under {@code runtime}
	 */
	public static RuntimeConfig readRuntime(String json) {
		return RuntimeDocument.read(json);
	}

	/**
	 * Writes a runtime configuration.
	 * @param runtime the runtime configuration
	 * @return compact JSON with a fixed key order
	 */
	public static String writeRuntime(RuntimeConfig runtime) {
		return RuntimeDocument.write(runtime);
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
		return CanaryDocument.read(json, root);
	}

	/**
	 * Writes a canary (without {@code version_id}, which is the admin's to add).
	 * @param canary the canary
	 * @return compact JSON with a fixed key order; absent parts are left out
	 */
	public static String writeCanary(CanarySpec canary) {
		return CanaryDocument.write(canary);
	}

}
