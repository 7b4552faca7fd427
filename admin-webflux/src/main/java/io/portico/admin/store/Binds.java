package io.portico.admin.store;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * Binds a value that may be {@code null}, which {@code DatabaseClient} needs typed.
 */
public final class Binds {

	private Binds() {
	}

	/**
	 * Binds a value or a typed {@code null}.
	 * @param <T> the value type
	 * @param spec the statement
	 * @param name the parameter name
	 * @param value the value, possibly {@code null}
	 * @param type the column's Java type
	 * @return the statement
	 */
	public static <T> GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, type);
	}

}
