package io.portico.admin.audit;

import java.util.Locale;

/**
 * How an audited action ended.
 */
public enum AuditOutcome {

	/** Done; the change it records was committed with it. */
	SUCCESS,

	/** Tried and failed (bad input, conflict, error): nothing changed. */
	FAILURE,

	/** Not allowed: no or bad credentials, a missing permission, a locked sign-in. */
	DENIED;

	/**
	 * The value stored and shown.
	 * @return such as {@code success}
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
