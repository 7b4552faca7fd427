package io.portico.admin.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import io.r2dbc.spi.ConnectionFactory;

import org.springframework.stereotype.Component;

/**
 * Facts about the database the admin talks to, and the current time as stored.
 */
@Component
public class Database {

	private final boolean postgres;

	private final Clock clock;

	public Database(ConnectionFactory connectionFactory, Clock clock) {
		this.postgres = connectionFactory.getMetadata().getName().toLowerCase(Locale.ROOT).contains("postgres");
		this.clock = clock;
	}

	/**
	 * Whether the database is PostgreSQL (which has {@code LISTEN/NOTIFY}); otherwise H2.
	 * @return {@code true} on PostgreSQL
	 */
	public boolean isPostgres() {
		return this.postgres;
	}

	/**
	 * The current time in UTC, to microseconds as both databases keep it.
	 * @return now
	 */
	public OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
	}

}
