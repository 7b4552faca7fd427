package io.portico.admin.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.r2dbc.spi.Parameters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Inserts many rows of one table with multi-row {@code insert … values (…), (…)}
 * statements of at most {@value #CHUNK} rows: one round trip per chunk instead of one per
 * row, for bulk writes (imports, the declarative sync, a large publish). Spring Data
 * would insert row by row.
 *
 * <p>
 * Example: <pre>
 * MultiRowInsert.into(db, "template_route", List.of(
 *         new Column&lt;&gt;("id", String.class, TemplateRouteRow::id), …))
 *     .insert(rows)
 * </pre>
 *
 * @param <T> the row type
 */
public final class MultiRowInsert<T> {

	private static final int CHUNK = 100;

	private final DatabaseClient db;

	private final String table;

	private final List<Column<T>> columns;

	private MultiRowInsert(DatabaseClient db, String table, List<Column<T>> columns) {
		this.db = db;
		this.table = table;
		this.columns = List.copyOf(columns);
	}

	/**
	 * A multi-row insert into a table.
	 * @param <T> the row type
	 * @param db the client
	 * @param table the table
	 * @param columns the columns and how each is read from a row
	 * @return the insert
	 */
	public static <T> MultiRowInsert<T> into(DatabaseClient db, String table, List<Column<T>> columns) {
		return new MultiRowInsert<>(db, table, columns);
	}

	/**
	 * Inserts the rows, chunk after chunk (never two statements at once on a
	 * transaction's connection).
	 * @param rows the rows
	 * @return completion
	 */
	public Mono<Void> insert(List<T> rows) {
		return Flux.fromIterable(Chunks.of(rows, CHUNK)).concatMap(this::insertChunk).then();
	}

	private Mono<Void> insertChunk(List<T> rows) {
		StringBuilder sql = new StringBuilder("insert into ").append(this.table).append(" (");
		for (int c = 0; c < this.columns.size(); c++) {
			sql.append((c > 0) ? ", " : "").append(this.columns.get(c).name());
		}
		sql.append(") values ");
		for (int r = 0; r < rows.size(); r++) {
			sql.append((r > 0) ? ", (" : "(");
			for (int c = 0; c < this.columns.size(); c++) {
				sql.append((c > 0) ? ", " : "").append(":p").append(r).append('_').append(c);
			}
			sql.append(')');
		}
		// All values in one call: every single bind() copies the bindings so far, which
		// is quadratic in a statement of a thousand parameters.
		Map<String, Object> values = new LinkedHashMap<>();
		for (int r = 0; r < rows.size(); r++) {
			for (int c = 0; c < this.columns.size(); c++) {
				Column<T> column = this.columns.get(c);
				Object value = column.value().apply(rows.get(r));
				values.put("p" + r + "_" + c, (value != null) ? value : Parameters.in(column.type()));
			}
		}
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(sql.toString()).bindValues(values);
		return spec.then();
	}

	/**
	 * A column of a multi-row insert.
	 *
	 * @param <T> the row type
	 * @param name the column name
	 * @param type the Java type of its values, for a typed {@code null}
	 * @param value reads the column's value from a row (may return {@code null})
	 */
	public record Column<T>(String name, Class<?> type, Function<T, ?> value) {

	}

}
