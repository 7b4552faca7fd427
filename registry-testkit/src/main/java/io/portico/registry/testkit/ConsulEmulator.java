package io.portico.registry.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An emulation of the subset of Consul's documented HTTP API (developer.hashicorp.com
 * /consul/api-docs) that Portico's registry client and a gateway registering itself use;
 * no Consul binary can be installed where the tests run.
 *
 * <p>
 * Emulated: {@code GET /v1/status/leader}; {@code GET /v1/catalog/services} (always
 * listing the {@code consul} service, like a real cluster); {@code GET
 * /v1/health/service/{name}} with {@code passing}, {@code dc} and blocking queries
 * ({@code index} + {@code wait}: the request really blocks until the service's index
 * moves past {@code index} or the wait ends); {@code PUT /v1/agent/service/register} and
 * {@code PUT /v1/agent/service/deregister/{id}}. Responses carry {@code X-Consul-Index},
 * {@code X-Consul-KnownLeader} and {@code X-Consul-LastContact}; JSON shapes are the
 * documented ones ({@code Node}, {@code Service} with {@code ID}, {@code Service},
 * {@code Address}, {@code Port}, {@code Weights}, {@code Tags}, {@code Meta};
 * {@code Checks}). With {@link #requireToken(String)} every endpoint but
 * {@code /v1/status/*} needs the token in {@code X-Consul-Token}, {@code Authorization:
 * Bearer} or {@code ?token=}: a wrong one gets {@code 403 ACL not found}, none gets
 * {@code 403 Permission denied}. An unknown {@code dc} gets {@code 500 No path to
 * datacenter}. Not emulated: KV, sessions, prepared queries, tag filters, consistency
 * modes, the wait jitter.
 *
 * <p>
 * Usage: <pre>
 * try (ConsulEmulator consul = ConsulEmulator.start()) {
 *     consul.register("httpbin", "httpbin-1", "127.0.0.1", 8080, 1);
 *     String address = consul.address(); // http://127.0.0.1:port
 * }
 * </pre>
 */
public final class ConsulEmulator implements AutoCloseable {

	/** The datacenter this emulated cluster is in. */
	public static final String DATACENTER = "dc1";

	private static final String NODE = "consul-emulator-node";

	private static final String NODE_ID = "5e3c2f4a-0b4e-4e0f-9d55-7b1c2a1d0e01";

	private static final Pattern WAIT = Pattern.compile("(\\d+)(ms|s|m|h)?");

	private static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);

	private static final Duration MAX_WAIT = Duration.ofMinutes(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Object lock = new Object();

	private final Map<String, Registration> registrations = new LinkedHashMap<>();

	private final Map<String, Long> serviceIndexes = new TreeMap<>();

	private final AtomicInteger blockedQueries = new AtomicInteger();

	private final ThreadLocal<JsonNode> pendingBody = new ThreadLocal<>();

	private final ExecutorService executor;

	private long index = 10;

	private volatile String token = "";

	private HttpServer server;

	private int port;

	private boolean running;

	private ConsulEmulator() {
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "consul-emulator");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Starts an emulated Consul agent on a free port of 127.0.0.1.
	 * @return the running emulator
	 */
	public static ConsulEmulator start() {
		ConsulEmulator emulator = new ConsulEmulator();
		emulator.listen(0);
		return emulator;
	}

	/**
	 * The HTTP address, as a Consul connection names it.
	 * @return {@code http://127.0.0.1:port}
	 */
	public String address() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * The port (kept across {@link #stop()} and {@link #restart()}).
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Turns ACLs on: every API call but {@code /v1/status/*} needs this token.
	 * @param token the accepted token; empty to turn ACLs off
	 * @return this emulator
	 */
	public ConsulEmulator requireToken(String token) {
		this.token = (token != null) ? token : "";
		return this;
	}

	/**
	 * Registers (or replaces) a passing service instance with Consul's default weight 1.
	 * @param service the service name
	 * @param id the instance id
	 * @param host the service address
	 * @param port the service port
	 */
	public void register(String service, String id, String host, int port) {
		register(service, id, host, port, 1);
	}

	/**
	 * Registers (or replaces) a passing service instance.
	 * @param service the service name
	 * @param id the instance id
	 * @param host the service address; empty to fall back to the node's address
	 * @param port the service port
	 * @param weight {@code Weights.Passing}
	 */
	public void register(String service, String id, String host, int port, int weight) {
		synchronized (this.lock) {
			Registration previous = this.registrations.get(id);
			long next = ++this.index;
			long created = (previous != null) ? previous.createIndex() : next;
			this.registrations.put(id,
					new Registration(service, id, host, port, weight, List.of(), Map.of(), "passing", created, next));
			touch(service, next);
			if (previous != null && !previous.service().equals(service)) {
				touch(previous.service(), next);
			}
		}
	}

	/**
	 * Sets the status of an instance's service check ({@code passing}, {@code warning},
	 * {@code critical}).
	 * @param id the instance id
	 * @param status the check status
	 */
	public void setCheckStatus(String id, String status) {
		synchronized (this.lock) {
			Registration previous = this.registrations.get(id);
			if (previous == null) {
				throw new IllegalArgumentException("no instance " + id);
			}
			long next = ++this.index;
			this.registrations.put(id, previous.withStatus(status, next));
			touch(previous.service(), next);
		}
	}

	/**
	 * Deregisters an instance.
	 * @param service the service name (for symmetry with {@link #register}; checked)
	 * @param id the instance id
	 */
	public void deregister(String service, String id) {
		synchronized (this.lock) {
			Registration removed = this.registrations.get(id);
			if (removed == null || !removed.service().equals(service)) {
				throw new IllegalArgumentException("no instance " + id + " of " + service);
			}
			this.registrations.remove(id);
			touch(service, ++this.index);
		}
	}

	/**
	 * How many blocking queries are waiting right now, for tests of blocking behaviour.
	 * @return the number of parked queries
	 */
	public int blockedQueries() {
		return this.blockedQueries.get();
	}

	/**
	 * Stops listening and drops open connections: clients get connection refused.
	 * Registrations are kept for {@link #restart()}.
	 */
	public void stop() {
		HttpServer stopping;
		synchronized (this.lock) {
			stopping = this.server;
			this.server = null;
			this.running = false;
			this.lock.notifyAll();
		}
		if (stopping != null) {
			stopping.stop(0);
		}
	}

	/**
	 * Listens again on the same port with the same registrations and index.
	 */
	public void restart() {
		synchronized (this.lock) {
			if (this.running) {
				return;
			}
		}
		listen(this.port);
	}

	@Override
	public void close() {
		stop();
		this.executor.shutdownNow();
	}

	private void listen(int requestedPort) {
		try {
			HttpServer created = HttpServer
				.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 64);
			created.setExecutor(this.executor);
			created.createContext("/", this::handle);
			created.start();
			synchronized (this.lock) {
				this.server = created;
				this.port = created.getAddress().getPort();
				this.running = true;
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot listen on port " + requestedPort, ex);
		}
	}

	private void touch(String service, long newIndex) {
		this.serviceIndexes.put(service, newIndex);
		this.lock.notifyAll();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			drain(exchange.getRequestBody());
			URI uri = exchange.getRequestURI();
			String path = uri.getRawPath();
			Map<String, String> query = query(uri.getRawQuery());
			String method = exchange.getRequestMethod();
			if (path.equals("/v1/status/leader") && method.equals("GET")) {
				json(exchange, 200, "\"127.0.0.1:8300\"", this.index);
				return;
			}
			String denied = denied(exchange, query);
			if (denied != null) {
				text(exchange, 403, denied);
				return;
			}
			String dc = query.get("dc");
			if (dc != null && !dc.isEmpty() && !dc.equals(DATACENTER)) {
				text(exchange, 500, "No path to datacenter");
				return;
			}
			if (path.equals("/v1/catalog/services") && method.equals("GET")) {
				catalogServices(exchange);
			}
			else if (path.startsWith("/v1/health/service/") && method.equals("GET")) {
				healthService(exchange, decode(path.substring("/v1/health/service/".length())), query);
			}
			else if (path.equals("/v1/agent/service/register") && method.equals("PUT")) {
				agentRegister(exchange);
			}
			else if (path.startsWith("/v1/agent/service/deregister/") && method.equals("PUT")) {
				agentDeregister(exchange, decode(path.substring("/v1/agent/service/deregister/".length())));
			}
			else {
				text(exchange, 404, "");
			}
		}
	}

	private String denied(HttpExchange exchange, Map<String, String> query) {
		String required = this.token;
		if (required.isEmpty()) {
			return null;
		}
		String given = exchange.getRequestHeaders().getFirst("X-Consul-Token");
		if (given == null) {
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (authorization != null && authorization.startsWith("Bearer ")) {
				given = authorization.substring("Bearer ".length());
			}
		}
		if (given == null) {
			given = query.get("token");
		}
		if (given == null || given.isEmpty()) {
			return "Permission denied: anonymous token lacks permission";
		}
		return given.equals(required) ? null : "ACL not found";
	}

	private void catalogServices(HttpExchange exchange) throws IOException {
		Map<String, List<String>> services = new TreeMap<>();
		long current;
		synchronized (this.lock) {
			services.put("consul", List.of());
			for (Registration registration : this.registrations.values()) {
				services.computeIfAbsent(registration.service(), (name) -> new ArrayList<>());
			}
			current = this.index;
		}
		json(exchange, 200, JSON.writeValueAsString(services), current);
	}

	private void healthService(HttpExchange exchange, String service, Map<String, String> query) throws IOException {
		boolean passing = query.containsKey("passing") && !"false".equals(query.get("passing"));
		long wanted = parseLong(query.get("index"));
		long deadline = System.nanoTime() + waitOf(query.get("wait")).toNanos();
		List<Map<String, Object>> entries = new ArrayList<>();
		long current;
		synchronized (this.lock) {
			current = serviceIndex(service);
			if (wanted > 0 && current <= wanted) {
				this.blockedQueries.incrementAndGet();
				try {
					while (this.running && current <= wanted) {
						long remaining = deadline - System.nanoTime();
						if (remaining <= 0) {
							break;
						}
						this.lock.wait(Math.max(1, remaining / 1_000_000));
						current = serviceIndex(service);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				finally {
					this.blockedQueries.decrementAndGet();
				}
				if (!this.running) {
					// The server went away while this query was parked: drop the
					// connection.
					return;
				}
			}
			for (Registration registration : this.registrations.values()) {
				if (registration.service().equals(service) && (!passing || registration.status().equals("passing"))) {
					entries.add(entry(registration));
				}
			}
		}
		json(exchange, 200, JSON.writeValueAsString(entries), current);
	}

	private void agentRegister(HttpExchange exchange) throws IOException {
		JsonNode body = this.pendingBody.get();
		if (body == null || !body.hasNonNull("Name")) {
			text(exchange, 400, "Missing service name");
			return;
		}
		String name = body.get("Name").asString();
		String id = body.hasNonNull("ID") ? body.get("ID").asString() : name;
		int weight = body.path("Weights").path("Passing").asInt(1);
		register(name, id, body.path("Address").asString(""), body.path("Port").asInt(0), weight);
		text(exchange, 200, "");
	}

	private void agentDeregister(HttpExchange exchange, String id) throws IOException {
		synchronized (this.lock) {
			Registration removed = this.registrations.remove(id);
			if (removed == null) {
				text(exchange, 404, "Unknown service ID \"" + id
						+ "\". Ensure that the service ID is passed, not the service name.");
				return;
			}
			touch(removed.service(), ++this.index);
		}
		text(exchange, 200, "");
	}

	private void drain(InputStream body) throws IOException {
		byte[] bytes = body.readAllBytes();
		this.pendingBody.set((bytes.length > 0) ? JSON.readTree(bytes) : null);
	}

	private long serviceIndex(String service) {
		Long value = this.serviceIndexes.get(service);
		// A service never seen has the index of the last write, as Consul's services
		// table.
		return (value != null) ? value : this.index;
	}

	private Map<String, Object> entry(Registration registration) {
		Map<String, Object> node = new LinkedHashMap<>();
		node.put("ID", NODE_ID);
		node.put("Node", NODE);
		node.put("Address", "127.0.0.1");
		node.put("Datacenter", DATACENTER);
		node.put("TaggedAddresses", Map.of("lan", "127.0.0.1", "wan", "127.0.0.1"));
		node.put("Meta", Map.of("consul-network-segment", ""));
		node.put("CreateIndex", 5);
		node.put("ModifyIndex", 5);
		Map<String, Object> service = new LinkedHashMap<>();
		service.put("ID", registration.id());
		service.put("Service", registration.service());
		service.put("Tags", registration.tags());
		service.put("Address", registration.host());
		service.put("Meta", registration.meta());
		service.put("Port", registration.port());
		service.put("Weights", Map.of("Passing", registration.weight(), "Warning", 1));
		service.put("EnableTagOverride", false);
		service.put("CreateIndex", registration.createIndex());
		service.put("ModifyIndex", registration.modifyIndex());
		List<Map<String, Object>> checks = new ArrayList<>();
		checks.add(check("serfHealth", "Serf Health Status", "passing", "Agent alive and reachable", "", "", 5));
		checks.add(check("service:" + registration.id(), "Service '" + registration.service() + "' check",
				registration.status(), "", registration.id(), registration.service(), registration.modifyIndex()));
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("Node", node);
		entry.put("Service", service);
		entry.put("Checks", checks);
		return entry;
	}

	private static Map<String, Object> check(String id, String name, String status, String output, String serviceId,
			String serviceName, long modifyIndex) {
		Map<String, Object> check = new LinkedHashMap<>();
		check.put("Node", NODE);
		check.put("CheckID", id);
		check.put("Name", name);
		check.put("Status", status);
		check.put("Notes", "");
		check.put("Output", output);
		check.put("ServiceID", serviceId);
		check.put("ServiceName", serviceName);
		check.put("ServiceTags", List.of());
		check.put("CreateIndex", 5);
		check.put("ModifyIndex", modifyIndex);
		return check;
	}

	private static Duration waitOf(String value) {
		if (value == null || value.isEmpty()) {
			return DEFAULT_WAIT;
		}
		Matcher matcher = WAIT.matcher(value);
		if (!matcher.matches()) {
			return DEFAULT_WAIT;
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		Duration wait = switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofSeconds(amount);
		};
		return (wait.compareTo(MAX_WAIT) > 0) ? MAX_WAIT : wait;
	}

	private static long parseLong(String value) {
		try {
			return (value != null) ? Long.parseUnsignedLong(value) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return query;
		}
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			if (equals < 0) {
				query.put(decode(pair), "");
			}
			else {
				query.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
			}
		}
		return query;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	private static void json(HttpExchange exchange, int status, String body, long index) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("X-Consul-Index", Long.toString(index));
		exchange.getResponseHeaders().set("X-Consul-KnownLeader", "true");
		exchange.getResponseHeaders().set("X-Consul-LastContact", "0");
		write(exchange, status, body);
	}

	private static void text(HttpExchange exchange, int status, String body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
		write(exchange, status, body);
	}

	private static void write(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, (bytes.length > 0) ? bytes.length : -1);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	private record Registration(String service, String id, String host, int port, int weight, List<String> tags,
			Map<String, String> meta, String status, long createIndex, long modifyIndex) {

		Registration withStatus(String newStatus, long newIndex) {
			return new Registration(this.service, this.id, this.host, this.port, this.weight, this.tags, this.meta,
					newStatus, this.createIndex, newIndex);
		}

	}

}
