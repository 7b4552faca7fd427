package io.portico.gateway.sync;

import java.util.List;

import io.portico.gateway.load.ConfigError;

/**
 * What this instance serves and how the last reload went, as the heartbeat reports it.
 *
 * @param loaded whether a route table has been loaded since start
 * @param revision the config revision of the table served; 0 before the first load
 * @param errors the rows skipped by the table served, plus a failed reload if the last
 * one failed
 * @param fromSnapshot whether the table served was loaded from the local snapshot, not
 * yet confirmed by the database
 */
public record AppliedConfig(boolean loaded, long revision, List<ConfigError> errors, boolean fromSnapshot) {

	/** Before the first load. */
	public static final AppliedConfig NONE = new AppliedConfig(false, 0, List.of());

	/**
	 * {@code config_status} when the group's configuration was delivered (rows may still
	 * be skipped).
	 */
	public static final String STATUS_OK = "ok";

	/**
	 * {@code config_status} when configuration delivery fails: the group cannot be
	 * loaded. Skipped rows are reported in the errors but do not make delivery fail, so
	 * the other services count as delivered.
	 */
	public static final String STATUS_ERROR = "error";

	public AppliedConfig {
		errors = List.copyOf(errors);
	}

	/**
	 * What the database delivered.
	 * @param loaded whether a route table has been loaded since start
	 * @param revision the config revision of the table served
	 * @param errors the rows skipped, plus a failed reload if the last one failed
	 */
	public AppliedConfig(boolean loaded, long revision, List<ConfigError> errors) {
		this(loaded, revision, errors, false);
	}

	/**
	 * The {@code config_status}.
	 * @return {@link #STATUS_OK} or {@link #STATUS_ERROR}
	 */
	public String status() {
		// A row-level error names its service; a delivery failure names none.
		boolean deliveryFailed = this.errors.stream().anyMatch(ConfigError::isGroupError);
		return deliveryFailed ? STATUS_ERROR : STATUS_OK;
	}

}
