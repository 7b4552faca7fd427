package io.portico.gateway.edge;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Edge hardening of a gateway instance ({@code portico.gateway.edge.*}).
 *
 * @param path how request paths are normalised before routes are matched
 * @param trustedProxies the peers (IP addresses or CIDR blocks, such as
 * {@code 10.0.0.0/8} or {@code ::1}) whose {@code X-Forwarded-*} and {@code Forwarded}
 * headers are believed and extended; empty (the default): no peer is, and a client's own
 * forwarded headers are replaced by the gateway's
 */
@ConfigurationProperties("portico.gateway.edge")
public record EdgeProperties(@DefaultValue Path path, @DefaultValue List<String> trustedProxies) {

	/**
	 * Path normalisation, as Envoy's {@code normalize_path}, {@code merge_slashes} and
	 * {@code path_with_escaped_slashes_action}.
	 *
	 * @param normalize whether paths are normalised at all
	 * @param mergeSlashes whether repeated slashes become one, as nginx does by default
	 * @param escapedSlashes what {@code %2F} and {@code %5C} get: {@code reject} (400) or
	 * {@code keep} (matched and forwarded encoded)
	 */
	public record Path(@DefaultValue("true") boolean normalize, @DefaultValue("true") boolean mergeSlashes,
			@DefaultValue("reject") EscapedSlashes escapedSlashes) {

	}

	/**
	 * What a path with {@code %2F} or {@code %5C} gets.
	 */
	public enum EscapedSlashes {

		/** Answered with 400. */
		REJECT,

		/** Matched and forwarded with the escape as received. */
		KEEP

	}

}
