package io.portico.admin.instance;

import java.time.Duration;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The status of a gateway instance, computed from its heartbeat and config status.
 */
public enum InstanceStatus {

	/** Heartbeat is recent and the configuration applied. */
	HEALTHY,

	/** Heartbeat is recent but configuration delivery fails. */
	ONLY_HEARTBEAT,

	/** No heartbeat for the lost-after threshold. */
	LOST_CONNECTION,

	/** No heartbeat for the offline-after threshold. */
	OFFLINE;

	/**
	 * The JSON value.
	 * @return lower case, such as {@code only_heartbeat}
	 */
	@JsonValue
	public String jsonValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Computes the status.
	 * @param heartbeatAge time since the last heartbeat
	 * @param configStatus {@code ok} or {@code error} as reported
	 * @param lostAfter age from which the instance has lost connection
	 * @param offlineAfter age from which the instance is offline
	 * @return the status
	 */
	public static InstanceStatus of(Duration heartbeatAge, String configStatus, Duration lostAfter,
			Duration offlineAfter) {
		if (heartbeatAge.compareTo(offlineAfter) >= 0) {
			return OFFLINE;
		}
		if (heartbeatAge.compareTo(lostAfter) >= 0) {
			return LOST_CONNECTION;
		}
		return "error".equals(configStatus) ? ONLY_HEARTBEAT : HEALTHY;
	}

}
