package io.portico.compiler.model;

import java.util.Locale;

/**
 * Which {@code Host} header the upstream receives, as in APISIX's {@code pass_host}.
 */
public enum PassHost {

	/** The client's {@code Host} header (the default). */
	PASS,

	/** The chosen node's host and port. */
	NODE,

	/** A fixed {@code upstream_host}. */
	REWRITE;

	/**
	 * The JSON value.
	 * @return {@code pass}, {@code node} or {@code rewrite}
	 */
	public String jsonValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
