package io.portico.admin.web;

import java.util.List;

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

	private static final List<Class<? extends Throwable>> TYPES = List.of(R2dbcNonTransientResourceException.class,
			R2dbcTransientResourceException.class, R2dbcTimeoutException.class, PoolAcquireTimeoutException.class,
			DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
			QueryTimeoutException.class, CannotCreateTransactionException.class);

	private DatabaseUnreachable() {
	}

	/**
	 * The failure, or one of its causes, that says the database is unreachable.
	 * @param ex the failure of a request
	 * @return that failure, or {@code null} when the failure is something else
	 */
	static Throwable find(Throwable ex) {
		Throwable current = ex;
		for (int depth = 0; current != null && depth < 20; depth++) {
			for (Class<? extends Throwable> type : TYPES) {
				if (type.isInstance(current)) {
					return current;
				}
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return null;
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
