package io.portico.admin.publish;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.portico.admin.web.ApiException;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.compiler.model.Timeouts;
import io.portico.compiler.model.Upstream;

/**
 * Turns the runtime parts of a request (publish or {@code PUT …/runtime}) into the
 * compiler's model, naming fields under a prefix ({@code services[0]} or none).
 */
public final class RuntimeRequests {

	private RuntimeRequests() {
	}

	/**
	 * A field under a prefix.
	 * @param at the prefix, empty for the top level
	 * @param name the field
	 * @return {@code at.name}, or {@code name}
	 */
	public static String field(String at, String name) {
		return at.isEmpty() ? name : at + "." + name;
	}

	static Upstream upstream(String at, PublishRequest.Upstream upstream) {
		String field = field(at, "upstream");
		boolean discovery = upstream.serviceRegistryId() != null || upstream.serviceName() != null
				|| upstream.namespace() != null || upstream.portName() != null;
		if (discovery && upstream.nodes() != null) {
			throw ApiException.badRequest(field,
					"give either nodes or service_registry_id/namespace/service_name, not both");
		}
		if (discovery) {
			return new DiscoveryUpstream(upstream.serviceRegistryId(), upstream.namespace(), upstream.serviceName(),
					upstream.portName());
		}
		List<Node> nodes = new ArrayList<>();
		List<PublishRequest.Node> given = (upstream.nodes() != null) ? upstream.nodes() : List.of();
		for (int i = 0; i < given.size(); i++) {
			PublishRequest.Node node = given.get(i);
			if (node == null) {
				throw ApiException.badRequest(field + ".nodes[" + i + "]", "must not be null");
			}
			nodes
				.add(new Node(node.host(), node.port(), (node.weight() != null) ? node.weight() : Node.DEFAULT_WEIGHT));
		}
		return new NodesUpstream(nodes);
	}

	/**
	 * The runtime configuration a publish or promotion asks for: the whole given runtime
	 * when {@code upstream} is given, else the current one with the given fields
	 * replaced.
	 * @param at the prefix of the item ({@code services[0]})
	 * @param given the given runtime fields
	 * @param current the current runtime in the group, {@code null} when not published
	 * there
	 * @return the runtime configuration
	 */
	public static RuntimeConfig merge(String at, RuntimeFields given, RuntimeConfig current) {
		PassHost passHost = passHost(at, given.passHost());
		Timeouts timeouts = timeouts(at, given.timeout());
		if (given.upstream() == null) {
			if (current == null) {
				throw ApiException.badRequest(field(at, "upstream"),
						"is required when the service is not yet published in the gateway group");
			}
			return new RuntimeConfig(current.upstream(), (given.hosts() != null) ? given.hosts() : current.hosts(),
					(given.pathPrefix() != null) ? given.pathPrefix() : current.pathPrefix(),
					(passHost != null) ? passHost : current.passHost(),
					(given.upstreamHost() != null || passHost != null) ? given.upstreamHost() : current.upstreamHost(),
					(timeouts != null) ? timeouts : current.timeout());
		}
		return new RuntimeConfig(upstream(at, given.upstream()), given.hosts(), given.pathPrefix(), passHost,
				given.upstreamHost(), timeouts);
	}

	/**
	 * The whole runtime configuration of {@code PUT …/runtime}: {@code upstream} is
	 * required.
	 * @param given the given runtime fields
	 * @return the runtime configuration
	 */
	static RuntimeConfig replace(RuntimeFields given) {
		if (given.upstream() == null) {
			throw ApiException.badRequest("upstream", "is required");
		}
		return new RuntimeConfig(upstream("", given.upstream()), given.hosts(), given.pathPrefix(),
				passHost("", given.passHost()), given.upstreamHost(), timeouts("", given.timeout()));
	}

	/**
	 * The 409 for a change that an active canary blocks.
	 * @param field the field to blame
	 * @param groupId the group
	 * @param serviceId the service
	 * @return the exception
	 */
	public static ApiException canaryActive(String field, String groupId, String serviceId) {
		return ApiException.conflict(field, "service '" + serviceId + "' has an active canary in gateway group '"
				+ groupId + "': finish or abort the canary first");
	}

	static PassHost passHost(String at, String value) {
		if (value == null) {
			return null;
		}
		for (PassHost candidate : PassHost.values()) {
			if (candidate.jsonValue().equals(value)) {
				return candidate;
			}
		}
		throw ApiException.badRequest(field(at, "pass_host"), "must be one of pass, node, rewrite");
	}

	static Timeouts timeouts(String at, PublishRequest.Timeout timeout) {
		if (timeout == null) {
			return null;
		}
		return new Timeouts(duration(field(at, "timeout.connect"), timeout.connect()),
				duration(field(at, "timeout.read"), timeout.read()));
	}

	private static Duration duration(String field, BigDecimal seconds) {
		if (seconds == null) {
			return null;
		}
		if (seconds.abs().compareTo(BigDecimal.valueOf(Timeouts.MAX.getSeconds() * 1000)) > 0) {
			throw ApiException.badRequest(field,
					"must be greater than 0 and at most " + Timeouts.MAX.getSeconds() + " seconds");
		}
		// Whole nanoseconds: the compiler then refuses anything finer than a millisecond.
		return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.DOWN).longValueExact());
	}

	/**
	 * The 409 for a published service whose upstream would switch between nodes and
	 * discovery in place.
	 * @param at the prefix
	 * @param current the current kind
	 * @param requested the requested kind
	 * @return the exception
	 */
	public static ApiException switchRefused(String at, String current, String requested) {
		return ApiException.conflict(field(at, "upstream"),
				"a published service cannot switch between nodes and discovery in place (it uses " + current
						+ "); use a canary to move to " + requested);
	}

}
