package io.portico.compiler.model;

import java.util.List;

/**
 * The conditions a request must meet to be eligible for the canary.
 *
 * @param match whether all rules or any rule must hold
 * @param rules the rules, at least one
 */
public record CanaryConditions(Match match, List<CanaryRule> rules) {

	public CanaryConditions {
		match = (match != null) ? match : Match.ALL;
		rules = (rules != null) ? List.copyOf(rules) : List.of();
	}

	/**
	 * How rules combine.
	 */
	public enum Match {

		/** Every rule holds. */
		ALL,

		/** At least one rule holds. */
		ANY

	}

}
