package io.portico.admin.declarative;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.portico.admin.publish.PublishedServiceRow;
import io.portico.admin.publish.PublishedVersionRow;
import io.portico.admin.publish.RuntimeFields;
import io.portico.admin.template.ServiceTemplateRow;
import io.portico.admin.template.route.TemplateRouteRow;
import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;

/**
 * A file service with what the group has for it.
 *
 * @param index its index in the file
 * @param service the file's service
 * @param current the template, its routes and the group's current version
 * @param fields the runtime fields of the publish, {@code null} without an upstream
 * @param runtime the runtime configuration they make; {@code null} without an upstream,
 * which makes the service a Service Hub template only
 * @param routes the routes as the compiler sees them
 */
record DesiredService(int index, DeclarativeFile.Service service, DeclarativeState.Current current,
		RuntimeFields fields, RuntimeConfig runtime, List<RouteSpec> routes) {

	static boolean sameTemplate(ServiceTemplateRow row, DeclarativeFile.Service service) {
		return row.name().equals(service.name()) && row.type().equals(type(service))
				&& row.upstreamScheme().equals(scheme(service))
				&& row.description().equals(Objects.requireNonNullElse(service.description(), ""))
				&& row.labels().equals(service.labels());
	}

	static boolean sameRoute(TemplateRouteRow row, DeclarativeFile.Route route) {
		return row.paths().equals(route.paths()) && row.methods().equals(route.methods())
				&& row.description().equals(Objects.requireNonNullElse(route.description(), ""))
				&& row.labels().equals(route.labels());
	}

	/**
	 * Whether the group's current version serves exactly these routes and runtime.
	 */
	boolean sameVersionContent() {
		PublishedVersionRow version = this.current.version();
		PublishedServiceRow service = this.current.published();
		if (version == null || service == null || this.runtime == null) {
			return false;
		}
		Map<String, RouteSpec> served = new TreeMap<>();
		version.routes().forEach((route) -> served.put(route.name(), route));
		Map<String, RouteSpec> wanted = new TreeMap<>();
		this.routes.forEach((route) -> wanted.put(route.name(), route));
		if (!served.keySet().equals(wanted.keySet())) {
			return false;
		}
		for (Map.Entry<String, RouteSpec> entry : wanted.entrySet()) {
			RouteSpec have = served.get(entry.getKey());
			RouteSpec want = entry.getValue();
			if (!have.paths().equals(want.paths()) || !have.methods().equals(want.methods())) {
				return false;
			}
		}
		return StoredFormat.writeRuntime(service.runtime()).equals(StoredFormat.writeRuntime(this.runtime));
	}

	static String type(DeclarativeFile.Service service) {
		return (service.type() != null) ? service.type() : "http";
	}

	static String scheme(DeclarativeFile.Service service) {
		if (service.upstreamScheme() != null) {
			return service.upstreamScheme();
		}
		return (service.upstream() != null && service.upstream().scheme() != null) ? service.upstream().scheme()
				: "http";
	}

}
