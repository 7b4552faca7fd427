package io.portico.admin.instance;

import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status thresholds, at and around their edges.
 */
class InstanceStatusTests {

	@ParameterizedTest(name = "{0}s, {1} -> {2}")
	@CsvSource({ "0, ok, HEALTHY", "29, ok, HEALTHY", "29, error, ONLY_HEARTBEAT", "30, ok, LOST_CONNECTION",
			"30, error, LOST_CONNECTION", "7199, ok, LOST_CONNECTION", "7200, ok, OFFLINE", "90000, error, OFFLINE" })
	void of_heartbeatAgeAndConfigStatus_givesStatus(long ageSeconds, String configStatus, InstanceStatus expected) {
		InstanceStatus status = InstanceStatus.of(Duration.ofSeconds(ageSeconds), configStatus, Duration.ofSeconds(30),
				Duration.ofHours(2));
		assertThat(status).isEqualTo(expected);
		assertThat(status.jsonValue()).isEqualTo(expected.name().toLowerCase(Locale.ROOT));
	}

}
