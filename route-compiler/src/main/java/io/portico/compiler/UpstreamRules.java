package io.portico.compiler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.compiler.model.Timeouts;
import io.portico.compiler.model.Upstream;

/**
 * The rules of where a service's requests go: its upstream (nodes or a discovered
 * service), the {@code Host} header sent to it and the timeouts. Shared by the service's
 * runtime and an upstream canary.
 */
final class UpstreamRules {

	private static final int MAX_REGISTRY_FIELD = 255;

	private static final int MAX_PORT = 65535;

	private static final int MAX_WEIGHT = 65535;

	private UpstreamRules() {
	}

	/**
	 * Checks an upstream (fixed nodes or service discovery).
	 * @param upstream the upstream; {@code null} is reported as missing
	 * @param errors where problems go, named relative to the upstream
	 * @return the upstream with host names normalized
	 */
	static Upstream upstream(Upstream upstream, Errors errors) {
		if (upstream == null) {
			errors.add("", "is required");
			return null;
		}
		if (upstream instanceof NodesUpstream nodes) {
			return nodes(nodes, errors);
		}
		return discovery((DiscoveryUpstream) upstream, errors);
	}

	private static NodesUpstream nodes(NodesUpstream upstream, Errors errors) {
		if (upstream.nodes().isEmpty()) {
			errors.add("nodes", "at least one node is required");
			return upstream;
		}
		List<Node> nodes = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		boolean anyWeight = false;
		boolean weightsValid = true;
		for (int i = 0; i < upstream.nodes().size(); i++) {
			Node node = upstream.nodes().get(i);
			Errors at = errors.at(FieldPath.index("nodes", i));
			if (node == null) {
				at.add("", "must not be null");
				continue;
			}
			String hostProblem = HostRules.nodeHostProblem(node.host());
			at.check("host", hostProblem);
			boolean portValid = node.port() >= 1 && node.port() <= MAX_PORT;
			if (!portValid) {
				at.add("port", "must be between 1 and " + MAX_PORT);
			}
			if (node.weight() < 0 || node.weight() > MAX_WEIGHT) {
				at.add("weight", "must be between 0 and " + MAX_WEIGHT);
				weightsValid = false;
			}
			anyWeight |= node.weight() > 0;
			if (hostProblem == null) {
				String host = HostRules.normalizeNodeHost(node.host());
				String key = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + node.port();
				if (portValid && !seen.add(key)) {
					at.add("", "duplicate node '" + key + "'");
				}
				nodes.add(new Node(host, node.port(), node.weight()));
			}
		}
		if (weightsValid && !anyWeight) {
			errors.add("nodes", "at least one node must have a weight above 0");
		}
		return new NodesUpstream(nodes);
	}

	private static DiscoveryUpstream discovery(DiscoveryUpstream upstream, Errors errors) {
		errors.check("service_registry_id", Text.textProblem(upstream.serviceRegistryId(), true, MAX_REGISTRY_FIELD));
		errors.check("namespace", Text.textProblem(upstream.namespace(), false, MAX_REGISTRY_FIELD));
		errors.check("service_name", Text.textProblem(upstream.serviceName(), true, MAX_REGISTRY_FIELD));
		errors.check("port_name", Text.textProblem(upstream.portName(), false, MAX_REGISTRY_FIELD));
		String namespace = (upstream.namespace() != null) ? upstream.namespace() : "";
		String portName = Text.isBlank(upstream.portName()) ? null : upstream.portName();
		return new DiscoveryUpstream(upstream.serviceRegistryId(), namespace, upstream.serviceName(), portName);
	}

	/**
	 * Checks {@code upstream_host} against {@code pass_host}.
	 * @return the lower-case host to send, or {@code null}
	 */
	static String upstreamHost(RuntimeConfig runtime, Errors errors) {
		String value = runtime.upstreamHost();
		boolean empty = value == null || value.isEmpty();
		if (runtime.passHost() == PassHost.REWRITE) {
			if (empty) {
				errors.add("upstream_host", "is required when pass_host is 'rewrite'");
				return null;
			}
			String problem = HostRules.hostHeaderProblem(value);
			errors.check("upstream_host", problem);
			return (problem != null) ? null : value.toLowerCase(Locale.ROOT);
		}
		if (!empty) {
			errors.add("upstream_host", "must be empty unless pass_host is 'rewrite'");
		}
		return null;
	}

	/**
	 * Checks one timeout.
	 * @return the timeout, or the fallback when none is given
	 */
	static Duration timeout(Duration value, Duration fallback, Errors errors, String field) {
		if (value == null) {
			return fallback;
		}
		if (value.isNegative() || value.isZero() || value.compareTo(Timeouts.MAX) > 0) {
			errors.add(field, "must be greater than 0 and at most " + Timeouts.MAX.getSeconds() + " seconds");
		}
		else if (value.getNano() % 1_000_000 != 0) {
			// The gateway's client takes whole milliseconds; a smaller fraction would be
			// lost.
			errors.add(field, "must be a whole number of milliseconds");
		}
		return value;
	}

}
