package io.portico.admin.web;

import java.util.List;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import reactor.pool.PoolAcquireTimeoutException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognizes the failures that mean the admin's database cannot be reached (connection
 * refused, reset or closed, no connection from the pool in time, a query that timed out),
 * whichever layer reports them: the R2DBC driver, the pool, Spring's exception
 * translation or the transaction manager. They answer 503 with {@code Retry-After}
 * instead of 500: the request was fine, nothing was committed (a transaction cut short is
 * rolled back by the server), and the same request will work once the database is back.
 */
final class DatabaseUnreachable {

	/** Seconds a client should wait before retrying. */
	static final String RETRY_AFTER_SECONDS = "5";

	static final String DETAIL = "The database is unreachable; nothing was changed; retry";

	/**
	 * Spring's and the pool's words for "no connection", when no driver error says more.
	 */
	private static final List<Class<? extends Throwable>> TYPES = List.of(PoolAcquireTimeoutException.class,
			DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
			QueryTimeoutException.class, CannotCreateTransactionException.class);

	/**
	 * SQLSTATEs the server sends when it cannot serve the connection: too many
	 * connections, shut down or restarting.
	 */
	private static final List<String> SERVER_UNAVAILABLE = List.of("53300", "57P01", "57P02", "57P03");

	private DatabaseUnreachable() {
	}

	/**
	 * The failure, or one of its causes, that says the database is unreachable.
	 * @param ex the failure of a request
	 * @return that failure, or {@code null} when the failure is something else
	 */
	static Throwable find(Throwable ex) {
		Throwable spring = null;
		Throwable current = ex;
		for (int depth = 0; current != null && depth < 20; depth++) {
			if (current instanceof R2dbcException driver) {
				// The driver's error decides: PostgreSQL's errors the driver does not
				// classify (a trigger's RAISE, P0001) are "non-transient resource" errors
				// too, and Spring translates them like a lost connection.
				return isConnectionFailure(driver) ? driver : null;
			}
			if (spring == null && isNoConnection(current)) {
				spring = current;
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return spring;
	}

	private static boolean isNoConnection(Throwable ex) {
		for (Class<? extends Throwable> type : TYPES) {
			if (type.isInstance(ex)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isConnectionFailure(R2dbcException driver) {
		if (driver instanceof R2dbcTimeoutException) {
			return true;
		}
		if (!(driver instanceof R2dbcNonTransientResourceException)
				&& !(driver instanceof R2dbcTransientResourceException)) {
			return false;
		}
		// Client-side failures (refused, reset, closed) carry no SQLSTATE; class 08 is
		// the standard's connection exception.
		String state = driver.getSqlState();
		return state == null || state.startsWith("08") || SERVER_UNAVAILABLE.contains(state);
	}

	/**
	 * The innermost cause, for the log: the driver's own words.
	 * @param ex the failure
	 * @return its root cause, or itself
	 */
	static Throwable root(Throwable ex) {
		Throwable current = ex;
		for (int depth = 0; current.getCause() != null && current.getCause() != current && depth < 20; depth++) {
			current = current.getCause();
		}
		return current;
	}

}
