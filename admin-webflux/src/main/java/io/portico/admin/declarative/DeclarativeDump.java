package io.portico.admin.declarative;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portico.admin.registry.ServiceRegistryResponse;
import io.portico.admin.registry.ServiceRegistryService;
import io.portico.admin.web.PageQuery;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * A gateway group's state within a scope as a declarative file: each service the group
 * serves, with its template's fields, the routes of the current version, its runtime
 * configuration and version. Syncing a dump changes nothing. Registry secrets are never
 * part of it (a discovery upstream names its registry connection).
 */
@Component
class DeclarativeDump {

	private static final PageQuery ALL = PageQuery.of(1, PageQuery.MAX_PAGE_SIZE);

	private final DeclarativeState state;

	private final ServiceRegistryService registries;

	DeclarativeDump(DeclarativeState state, ServiceRegistryService registries) {
		this.state = state;
		this.registries = registries;
	}

	Mono<Map<String, Object>> dump(String groupId, DeclarativeScope scope) {
		return this.state.group(groupId)
			.then(this.registries.list(groupId, ALL))
			.flatMap((registries) -> this.state.inScope(groupId, scope)
				.sort()
				.collectList()
				.flatMap((names) -> this.state.current(groupId, names)
					.map((current) -> names.stream()
						.map((name) -> service(current.get(name), registries.list()))
						.toList())))
			.map((services) -> {
				Map<String, Object> file = new LinkedHashMap<>();
				file.put("services", services);
				return file;
			});
	}

	private static Map<String, Object> service(DeclarativeState.Current current,
			List<ServiceRegistryResponse> registries) {
		Map<String, Object> service = new LinkedHashMap<>();
		service.put("name", current.template().name());
		if (!current.template().description().isEmpty()) {
			service.put("description", current.template().description());
		}
		if (!current.template().labels().isEmpty()) {
			service.put("labels", current.template().labels());
		}
		service.put("type", current.template().type());
		service.put("upstream_scheme", current.template().upstreamScheme());
		service.put("version", current.version().version());
		RuntimeConfig runtime = current.published().runtime();
		if (runtime.hosts() != null && !runtime.hosts().isEmpty()) {
			service.put("hosts", runtime.hosts());
		}
		if (runtime.pathPrefix() != null && !runtime.pathPrefix().isEmpty()) {
			service.put("path_prefix", runtime.pathPrefix());
		}
		List<Map<String, Object>> routes = new ArrayList<>();
		for (RouteSpec route : current.version().routes()) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("name", route.name());
			item.put("uris", route.paths());
			if (!route.methods().isEmpty()) {
				item.put("methods", route.methods());
			}
			if (route.description() != null && !route.description().isEmpty()) {
				item.put("description", route.description());
			}
			if (route.labels() != null && !route.labels().isEmpty()) {
				item.put("labels", route.labels());
			}
			routes.add(item);
		}
		service.put("routes", routes);
		service.put("upstream", upstream(runtime, registries));
		return service;
	}

	private static Map<String, Object> upstream(RuntimeConfig runtime, List<ServiceRegistryResponse> registries) {
		Map<String, Object> upstream = new LinkedHashMap<>();
		if (runtime.upstream() instanceof NodesUpstream nodes) {
			upstream.put("nodes", nodes.nodes().stream().map((node) -> {
				Map<String, Object> item = new LinkedHashMap<>();
				item.put("host", node.host());
				item.put("port", node.port());
				item.put("weight", node.weight());
				return item;
			}).toList());
		}
		else if (runtime.upstream() instanceof DiscoveryUpstream discovery) {
			ServiceRegistryResponse registry = registries.stream()
				.filter((candidate) -> candidate.id().equals(discovery.serviceRegistryId()))
				.findFirst()
				.orElse(null);
			upstream.put("discovery_type", (registry != null) ? registry.type() : "unknown");
			upstream.put("service_name", discovery.serviceName());
			Map<String, String> args = new LinkedHashMap<>();
			args.put("registry", (registry != null) ? registry.name() : discovery.serviceRegistryId());
			if (discovery.namespace() != null) {
				args.put("namespace", discovery.namespace());
			}
			if (discovery.portName() != null) {
				args.put("port_name", discovery.portName());
			}
			upstream.put("discovery_args", args);
		}
		if (runtime.timeout() != null) {
			Map<String, Object> timeout = new LinkedHashMap<>();
			if (runtime.timeout().connect() != null) {
				timeout.put("connect", seconds(runtime.timeout().connect()));
			}
			if (runtime.timeout().read() != null) {
				timeout.put("send", seconds(runtime.timeout().read()));
				timeout.put("read", seconds(runtime.timeout().read()));
			}
			if (!timeout.isEmpty()) {
				upstream.put("timeout", timeout);
			}
		}
		if (runtime.passHost() != null && runtime.passHost() != PassHost.PASS) {
			upstream.put("pass_host", runtime.passHost().jsonValue());
		}
		if (runtime.upstreamHost() != null) {
			upstream.put("upstream_host", runtime.upstreamHost());
		}
		return upstream;
	}

	private static BigDecimal seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros();
	}

}
