package io.portico.admin.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.portico.admin.config.AdminProperties;

import org.springframework.stereotype.Component;

/**
 * Counts failed password sign-ins per user and per client address; after too many in a
 * row, sign-ins for that user or from that address are refused for a while (even with the
 * right password), which makes guessing slow. Kept in memory: one admin's view, reset by
 * a restart.
 */
@Component
public class LoginThrottle {

	private static final int MAX_TRACKED = 100_000;

	private final AdminProperties.Login settings;

	private final Clock clock;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	public LoginThrottle(AdminProperties properties, Clock clock) {
		this.settings = properties.login();
		this.clock = clock;
	}

	/**
	 * How long sign-ins for a user from an address are still refused.
	 * @param username the name tried
	 * @param address the client address, or {@code null}
	 * @return zero when allowed
	 */
	public Duration lockedFor(String username, String address) {
		Instant now = this.clock.instant();
		Duration user = remaining(userKey(username), now);
		Duration ip = (address != null) ? remaining(addressKey(address), now) : Duration.ZERO;
		return (user.compareTo(ip) >= 0) ? user : ip;
	}

	/**
	 * Records a failed sign-in.
	 * @param username the name tried
	 * @param address the client address, or {@code null}
	 */
	public void failed(String username, String address) {
		Instant now = this.clock.instant();
		if (this.failures.size() > MAX_TRACKED) {
			// A flood of made-up names must not exhaust memory: forget the expired.
			this.failures.values().removeIf((entry) -> entry.expired(now, this.settings.lockDuration()));
		}
		count(userKey(username), this.settings.maxFailures(), now);
		if (address != null) {
			count(addressKey(address), this.settings.maxFailuresPerAddress(), now);
		}
	}

	/**
	 * Records a successful sign-in: the user's count starts over (the address's does not,
	 * so one known account cannot unlock guessing others).
	 * @param username the user
	 */
	public void succeeded(String username) {
		this.failures.remove(userKey(username));
	}

	private void count(String key, int max, Instant now) {
		this.failures.compute(key, (k, current) -> {
			Failures base = (current == null || current.expired(now, this.settings.lockDuration()))
					? new Failures(0, now, null) : current;
			int count = base.count() + 1;
			Instant lockedUntil = (count >= max) ? now.plus(this.settings.lockDuration()) : base.lockedUntil();
			return new Failures(count, now, lockedUntil);
		});
	}

	private Duration remaining(String key, Instant now) {
		Failures entry = this.failures.get(key);
		if (entry == null || entry.lockedUntil() == null || !entry.lockedUntil().isAfter(now)) {
			return Duration.ZERO;
		}
		return Duration.between(now, entry.lockedUntil());
	}

	private static String userKey(String username) {
		return "user:" + ((username != null) ? username.toLowerCase(Locale.ROOT) : "");
	}

	private static String addressKey(String address) {
		return "ip:" + address;
	}

	private record Failures(int count, Instant lastFailure, Instant lockedUntil) {

		boolean expired(Instant now, Duration lockDuration) {
			// After a lock ends counting starts over; without a lock, failures older than
			// the lock duration are forgotten.
			if (this.lockedUntil != null) {
				return !this.lockedUntil.isAfter(now);
			}
			return this.lastFailure.plus(lockDuration).isBefore(now);
		}

	}

}
