package io.portico.benchmarks.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.portico.compiler.model.CompiledService;
import io.portico.gateway.route.IndexedRouteLookup;
import io.portico.gateway.route.LinearRouteLookup;
import io.portico.gateway.route.RouteIndex;
import io.portico.gateway.route.RouteLookup;
import io.portico.gateway.route.RouteTable;
import io.portico.gateway.route.RouteTableFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * Time to find the route of one request: the gateway's {@link IndexedRouteLookup}
 * against, for contrast, the {@link LinearRouteLookup} Spring Cloud Gateway's
 * {@code RoutePredicateHandlerMapping} does (every route's predicate in turn, through the
 * same reactive evaluation), for the first route of the table, the last, a random one and
 * a path no route serves. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar RouteLookup -f 1 -wi 3 -i 3 -w 1s -r 1s}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RouteLookupBenchmark {

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	/**
	 * Finds the route through the index.
	 * @param table the indexed table and its requests
	 * @return the route found
	 */
	@Benchmark
	public Route index(IndexedTable table) {
		return table.lookup.lookup(table.next()).block(TIMEOUT);
	}

	/**
	 * Finds the route by testing every route in turn.
	 * @param table the table and its requests
	 * @return the route found
	 */
	@Benchmark
	public Route linear(LinearTable table) {
		return table.lookup.lookup(table.next()).block(TIMEOUT);
	}

	/**
	 * Indexes a whole table, as a route refresh does.
	 * @param table the routes
	 * @return the index
	 */
	@Benchmark
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public RouteIndex build(BuildTable table) {
		return RouteIndex.of(table.table);
	}

	/**
	 * Publishes one changed service into a table of the given size, as a reload does
	 * after a publish: the table is re-placed and only that service is rebuilt and
	 * re-indexed.
	 * @param table the table and the two versions of the service
	 * @return the new table
	 */
	@Benchmark
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public RouteTable publishOne(PublishTable table) {
		return table.next();
	}

	/**
	 * A table and the requests of one case, shared by both lookups.
	 */
	@State(Scope.Thread)
	public abstract static class Table {

		/** Which path is looked up: first, last, random or missing. */
		@Param({ "first", "last", "random", "missing" })
		public String path;

		RouteLookup lookup;

		private MockServerWebExchange[] exchanges;

		private int next;

		abstract int size();

		abstract RouteLookup lookup(List<Route> routes);

		/**
		 * Builds the table and the requests, and checks each request finds its route.
		 */
		@Setup
		public void setUp() {
			List<Route> routes = RouteTables.routes(size());
			this.lookup = lookup(routes);
			Random random = new Random(42);
			this.exchanges = new MockServerWebExchange[1024];
			Route[] expected = new Route[this.exchanges.length];
			for (int i = 0; i < this.exchanges.length; i++) {
				Route route = switch (this.path) {
					case "first" -> routes.get(0);
					case "last" -> routes.get(routes.size() - 1);
					case "random" -> routes.get(random.nextInt(routes.size()));
					default -> null;
				};
				expected[i] = route;
				this.exchanges[i] = RouteTables.exchange((route != null) ? RouteTables.pathOf(route) : "/missing/x");
			}
			for (int i = 0; i < this.exchanges.length; i++) {
				Route found = this.lookup.lookup(this.exchanges[i]).block(TIMEOUT);
				if (found != expected[i]) {
					throw new IllegalStateException("request " + i + " found " + found + ", expected " + expected[i]);
				}
			}
		}

		MockServerWebExchange next() {
			this.next = (this.next + 1) & (this.exchanges.length - 1);
			return this.exchanges[this.next];
		}

	}

	/**
	 * An indexed table.
	 */
	@State(Scope.Thread)
	public static class IndexedTable extends Table {

		/** Routes in the table. */
		@Param({ "1", "100", "1000", "10000", "100000" })
		public int routes;

		@Override
		int size() {
			return this.routes;
		}

		@Override
		RouteLookup lookup(List<Route> table) {
			return new IndexedRouteLookup(RouteIndex.of(table));
		}

	}

	/**
	 * A table tried route by route (up to 10,000 routes: beyond, a lookup takes
	 * milliseconds).
	 */
	@State(Scope.Thread)
	public static class LinearTable extends Table {

		/** Routes in the table. */
		@Param({ "1", "100", "1000", "10000" })
		public int routes;

		@Override
		int size() {
			return this.routes;
		}

		@Override
		RouteLookup lookup(List<Route> table) {
			return new LinearRouteLookup(table);
		}

	}

	/**
	 * The routes to index.
	 */
	@State(Scope.Benchmark)
	public static class BuildTable {

		/** Routes in the table. */
		@Param({ "1000", "10000", "100000" })
		public int routes;

		List<Route> table;

		/**
		 * Generates the routes.
		 */
		@Setup
		public void setUp() {
			this.table = RouteTables.routes(this.routes);
		}

	}

	/**
	 * A built table and two versions of its first service, published in turn.
	 */
	@State(Scope.Thread)
	public static class PublishTable {

		/** Routes in the table. */
		@Param({ "1000", "10000", "100000" })
		public int routes;

		private RouteTableFactory factory;

		private List<CompiledService> current;

		private List<CompiledService> next;

		private boolean flip;

		/**
		 * Builds the table once.
		 */
		@Setup
		public void setUp() {
			this.current = RouteTables.services(this.routes);
			this.next = new ArrayList<>(this.current);
			this.next.set(0, RouteTables.nextVersion(this.current.get(0)));
			this.factory = new RouteTableFactory();
			this.factory.buildTable(this.current, List.of(), (discovery) -> null);
		}

		RouteTable next() {
			this.flip = !this.flip;
			return this.factory.buildTable(this.flip ? this.next : this.current, List.of(), (discovery) -> null);
		}

	}

}
