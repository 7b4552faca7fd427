package io.portico.admin.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the admin under {@code portico.admin}.
 *
 * @param instances how the status of gateway instances is computed
 * @param registries how service registry connections are checked
 * @param bootstrap the first super admin, created when there is no user yet
 * @param login how password sign-ins are limited
 * @param audit the audit log
 * @param database how the admin's own database is checked
 */
@Validated
@ConfigurationProperties("portico.admin")
public record AdminProperties(@Valid @DefaultValue Instances instances, @Valid @DefaultValue Registries registries,
		@Valid @DefaultValue Bootstrap bootstrap, @Valid @DefaultValue Login login, @Valid @DefaultValue Audit audit,
		@Valid @DefaultValue Database database) {

	/**
	 * The admin's own database, as readiness sees it.
	 *
	 * @param healthTimeout how long the readiness check's {@code SELECT 1} may take
	 * before the database counts as unreachable (and the admin as not ready)
	 */
	public record Database(@NotNull @DurationMin(millis = 10) @DefaultValue("2s") Duration healthTimeout) {

	}

	/**
	 * The first super admin. Read only when the database has no user; ignored (with a log
	 * line) afterwards. At least a password or a token is required then.
	 *
	 * @param username the super admin's sign-in name
	 * @param password the initial password (environment
	 * {@code PORTICO_ADMIN_BOOTSTRAP_PASSWORD}), at least 12 characters
	 * @param token the initial API token ({@code pt_…}, environment
	 * {@code PORTICO_ADMIN_BOOTSTRAP_TOKEN}); it never expires, revoke it once real users
	 * exist
	 * @param tokenFile a file holding the initial token, for a mounted secret
	 */
	public record Bootstrap(@NotBlank @DefaultValue("admin") String username, String password, String token,
			String tokenFile) {

		@Override
		public String toString() {
			return "Bootstrap[username=" + this.username + "]";
		}

	}

	/**
	 * Limits on password sign-ins: after {@code maxFailures} failures in a row for one
	 * user, or {@code maxFailuresPerAddress} from one address, sign-ins are refused for
	 * {@code lockDuration}.
	 *
	 * @param maxFailures failures in a row for one user
	 * @param maxFailuresPerAddress failures in a row from one client address
	 * @param lockDuration how long sign-ins are then refused
	 */
	public record Login(@Min(1) @DefaultValue("5") int maxFailures,
			@Min(1) @DefaultValue("20") int maxFailuresPerAddress,
			@NotNull @DefaultValue("15m") Duration lockDuration) {

	}

	/**
	 * The audit log.
	 *
	 * @param retention how long rows are kept; older ones are pruned in the background
	 * @param pruneInterval how often old rows are pruned
	 * @param trustedProxies addresses or CIDR ranges of proxies whose
	 * {@code X-Forwarded-For} names the client; empty: the peer address is the client
	 */
	public record Audit(@NotNull @DefaultValue("180d") Duration retention,
			@NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration pruneInterval,
			@DefaultValue List<String> trustedProxies) {

	}

	/**
	 * Heartbeat thresholds of gateway instances.
	 *
	 * @param lostAfter heartbeat age from which an instance is {@code lost_connection}
	 * (and no longer counts as connected)
	 * @param offlineAfter heartbeat age from which an instance is {@code offline}
	 */
	public record Instances(@NotNull @DefaultValue("30s") Duration lostAfter,
			@NotNull @DefaultValue("2h") Duration offlineAfter) {

	}

	/**
	 * Health checks of service registry connections.
	 *
	 * @param checkInterval how often every connection is checked (each is also checked
	 * right after it is created or changed)
	 * @param checkTimeout how long one check, or one browse of a registry's services, may
	 * take before the connection counts as unhealthy
	 * @param historySize how many recent checks are kept per connection
	 */
	public record Registries(@NotNull @DurationMin(millis = 10) @DefaultValue("10s") Duration checkInterval,
			@NotNull @DurationMin(millis = 10) @DefaultValue("5s") Duration checkTimeout,
			@Min(1) @Max(10000) @DefaultValue("100") int historySize) {

	}

}
