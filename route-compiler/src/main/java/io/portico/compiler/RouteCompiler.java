package io.portico.compiler;

import java.util.List;

import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.CompiledService;
import io.portico.compiler.model.PublishedService;
import io.portico.compiler.model.RouteSpec;

/**
 * Turns a published service version plus its runtime configuration into gateway routes.
 *
 * <p>
 * The admin calls it to validate before it writes; the gateway calls it again on every
 * row it reads, so both sides apply the same rules. Example: <pre>
 * CompiledService compiled = new DefaultRouteCompiler().compile(service);
 * </pre>
 */
public interface RouteCompiler {

	/**
	 * Compiles one published service.
	 * @param service the published version with its runtime configuration
	 * @return one compiled route per (route, path), in precedence order
	 * @throws RouteCompilationException naming every field that cannot be compiled
	 */
	CompiledService compile(PublishedService service);

	/**
	 * Checks one template route on its own (name, paths, methods, free-text fields).
	 * @param route the route of a service template
	 * @return the problems, with fields named relative to the route ({@code paths[0]});
	 * empty when the route is valid
	 */
	List<FieldError> validateRoute(RouteSpec route);

	/**
	 * Checks a canary on its own: weight, conditions, sticky key, and the canary side
	 * (exactly one of an upstream, checked like a runtime upstream, or a version string).
	 * Whether a canary version exists, and compiling its routes, is the caller's concern.
	 * @param canary the canary of a published service
	 * @return the problems, with fields named relative to the canary
	 * ({@code conditions.rules[0].value}, {@code upstream.nodes[0].port}); empty when the
	 * canary is valid
	 */
	List<FieldError> validateCanary(CanarySpec canary);

}
