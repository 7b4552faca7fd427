package io.portico.registry.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.alibaba.nacos.api.grpc.auto.BiRequestStreamGrpc;
import com.alibaba.nacos.api.grpc.auto.Payload;
import com.alibaba.nacos.api.grpc.auto.RequestGrpc;
import com.alibaba.nacos.api.naming.pojo.Instance;
import com.alibaba.nacos.api.naming.pojo.ServiceInfo;
import com.alibaba.nacos.api.naming.remote.request.AbstractNamingRequest;
import com.alibaba.nacos.api.naming.remote.request.BatchInstanceRequest;
import com.alibaba.nacos.api.naming.remote.request.InstanceRequest;
import com.alibaba.nacos.api.naming.remote.request.NotifySubscriberRequest;
import com.alibaba.nacos.api.naming.remote.request.ServiceListRequest;
import com.alibaba.nacos.api.naming.remote.request.ServiceQueryRequest;
import com.alibaba.nacos.api.naming.remote.request.SubscribeServiceRequest;
import com.alibaba.nacos.api.naming.remote.response.BatchInstanceResponse;
import com.alibaba.nacos.api.naming.remote.response.InstanceResponse;
import com.alibaba.nacos.api.naming.remote.response.QueryServiceResponse;
import com.alibaba.nacos.api.naming.remote.response.ServiceListResponse;
import com.alibaba.nacos.api.naming.remote.response.SubscribeServiceResponse;
import com.alibaba.nacos.api.remote.request.ConnectionSetupRequest;
import com.alibaba.nacos.api.remote.request.HealthCheckRequest;
import com.alibaba.nacos.api.remote.request.Request;
import com.alibaba.nacos.api.remote.request.ServerCheckRequest;
import com.alibaba.nacos.api.remote.response.ErrorResponse;
import com.alibaba.nacos.api.remote.response.HealthCheckResponse;
import com.alibaba.nacos.api.remote.response.Response;
import com.alibaba.nacos.api.remote.response.ServerCheckResponse;
import com.alibaba.nacos.common.remote.PayloadRegistry;
import com.alibaba.nacos.common.remote.client.grpc.GrpcUtils;
import com.alibaba.nacos.shaded.io.grpc.Attributes;
import com.alibaba.nacos.shaded.io.grpc.Context;
import com.alibaba.nacos.shaded.io.grpc.Contexts;
import com.alibaba.nacos.shaded.io.grpc.Grpc;
import com.alibaba.nacos.shaded.io.grpc.Server;
import com.alibaba.nacos.shaded.io.grpc.ServerCall;
import com.alibaba.nacos.shaded.io.grpc.ServerCallHandler;
import com.alibaba.nacos.shaded.io.grpc.ServerInterceptor;
import com.alibaba.nacos.shaded.io.grpc.ServerInterceptors;
import com.alibaba.nacos.shaded.io.grpc.ServerTransportFilter;
import com.alibaba.nacos.shaded.io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import com.alibaba.nacos.shaded.io.grpc.stub.StreamObserver;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * An emulation of a standalone Nacos 3 server, for the official Java client (nacos-client
 * 3.x) and for operators' HTTP calls; no Nacos server can be installed where the tests
 * run.
 *
 * <p>
 * Nacos speaks two protocols, and so does this emulator:
 * <ul>
 * <li><b>HTTP, on {@link #port()}</b>, the documented Open API subset:
 * {@code POST /nacos/v1/auth/login}, {@code /nacos/v1/auth/users/login} and
 * {@code /nacos/v3/auth/user/login} ({@code username} + {@code password} →
 * {@code {"accessToken","tokenTtl","globalAdmin","username"}}, 403
 * {@code user not found!} otherwise); {@code GET /nacos/v3/admin/core/state/liveness}
 * (the client's {@code getServerStatus()} fallback),
 * {@code GET /nacos/v1/console/health/liveness},
 * {@code GET /nacos/v1/ns/operator/metrics}; {@code GET /nacos/v1/ns/instance/list} and
 * {@code GET /nacos/v1/ns/service/list}. With a password set, the data endpoints need
 * {@code accessToken} (query or header).</li>
 * <li><b>gRPC, on {@link #grpcPort()} = {@link #port()} + 1000</b> (the client derives it
 * with its default {@code nacos.server.grpc.port.offset}): the {@code Request/request}
 * and {@code BiRequestStream/requestBiStream} services of Nacos's
 * {@code nacos_grpc_service.proto}, built with the gRPC and generated classes shaded
 * inside the nacos-client jar, payloads converted with the client's own {@code GrpcUtils}
 * (JSON body, {@code metadata.type} naming the request class). Handled:
 * {@code ServerCheckRequest} (answered with a connection id, no ability negotiation),
 * {@code ConnectionSetupRequest} on the bi-stream (registers the connection; requests on
 * an unregistered connection get {@code 301 Connection is unregistered}),
 * {@code HealthCheckRequest}, {@code SubscribeServiceRequest} (subscribe and
 * unsubscribe), {@code ServiceQueryRequest}, {@code ServiceListRequest},
 * {@code InstanceRequest} and {@code BatchInstanceRequest} (ephemeral instances, removed
 * when their connection closes, as Nacos does), and {@code NotifySubscriberRequest}
 * pushed on the bi-stream to every subscriber when a service's instances change. Other
 * requests get {@code 302 RequestHandler Not Found}. With a password set, naming requests
 * need the {@code accessToken} header from login: none gets {@code 403 user not
 * found!}, a wrong one {@code 403 token invalid!}.</li>
 * </ul>
 * This is a deliberate deviation from emulating the HTTP API only: since Nacos 2.0 the
 * official Java client registers and subscribes over gRPC. Not emulated: config, clusters
 * of servers, persistent instances, health checking by the server, TLS, selectors.
 *
 * <p>
 * Usage: <pre>
 * try (NacosEmulator nacos = NacosEmulator.start().requireLogin("nacos", "secret")) {
 *     nacos.register("httpbin", "httpbin-1", "127.0.0.1", 8080);
 *     String address = nacos.address(); // 127.0.0.1:port
 * }
 * </pre>
 */
public final class NacosEmulator implements AutoCloseable {

	/** The group of instances registered without one. */
	public static final String DEFAULT_GROUP = "DEFAULT_GROUP";

	/** The namespace of instances registered without one. */
	public static final String PUBLIC_NAMESPACE = "public";

	/** How far the gRPC port is from the HTTP port, as in Nacos. */
	public static final int GRPC_PORT_OFFSET = 1000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Attributes.Key<String> CONNECTION_ID = Attributes.Key.create("portico.nacos.connectionId");

	private static final Context.Key<String> CONTEXT_CONNECTION_ID = Context.key("portico.nacos.connectionId");

	private static final long TOKEN_TTL_SECONDS = 18000;

	static {
		// Nacos classes would otherwise install their own logging writing to
		// ~/logs/nacos.
		if (System.getProperty("nacos.logging.default.config.enabled") == null) {
			System.setProperty("nacos.logging.default.config.enabled", "false");
		}
	}

	private final Object lock = new Object();

	/** Instances by service key ({@code namespace##group@@service}), then by id. */
	private final Map<String, Map<String, Registered>> services = new LinkedHashMap<>();

	private final Map<String, Connection> connections = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final ExecutorService httpExecutor;

	private volatile String username = "";

	private volatile String password = "";

	private volatile String token = "";

	private HttpServer http;

	private Server grpc;

	private int port;

	private NacosEmulator() {
		PayloadRegistry.init();
		this.httpExecutor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "nacos-emulator-http");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Starts an emulated Nacos server on a free HTTP port of 127.0.0.1 whose port + 1000
	 * is free for gRPC.
	 * @return the running emulator
	 */
	public static NacosEmulator start() {
		NacosEmulator emulator = new NacosEmulator();
		IOException last = null;
		for (int attempt = 0; attempt < 50; attempt++) {
			try {
				emulator.listen(0);
				return emulator;
			}
			catch (IOException ex) {
				last = ex;
			}
		}
		throw new IllegalStateException("no free HTTP port with a free port 1000 above it", last);
	}

	/**
	 * The server address, as a Nacos connection names it.
	 * @return {@code 127.0.0.1:port}
	 */
	public String address() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * The HTTP port (kept across {@link #stop()} and {@link #restart()}).
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The gRPC port.
	 * @return {@link #port()} + 1000
	 */
	public int grpcPort() {
		return this.port + GRPC_PORT_OFFSET;
	}

	/**
	 * Turns authentication on.
	 * @param username the only user
	 * @param password its password
	 * @return this emulator
	 */
	public NacosEmulator requireLogin(String username, String password) {
		this.username = username;
		this.password = password;
		this.token = "";
		return this;
	}

	/**
	 * Registers (or replaces) a healthy instance of weight 1 in the public namespace and
	 * {@code DEFAULT_GROUP}.
	 * @param service the service name
	 * @param id the instance id
	 * @param host the ip
	 * @param port the port
	 */
	public void register(String service, String id, String host, int port) {
		register(DEFAULT_GROUP, service, id, host, port, 1.0);
	}

	/**
	 * Registers (or replaces) a healthy instance of the given weight in the public
	 * namespace and {@code DEFAULT_GROUP}.
	 * @param service the service name
	 * @param id the instance id
	 * @param host the ip
	 * @param port the port
	 * @param weight the Nacos weight (1.0 is normal)
	 */
	public void register(String service, String id, String host, int port, double weight) {
		register(DEFAULT_GROUP, service, id, host, port, weight);
	}

	/**
	 * Registers (or replaces) a healthy instance in the public namespace.
	 * @param group the group
	 * @param service the service name
	 * @param id the instance id
	 * @param host the ip
	 * @param port the port
	 * @param weight the Nacos weight
	 */
	public void register(String group, String service, String id, String host, int port, double weight) {
		Instance instance = new Instance();
		instance.setInstanceId(id);
		instance.setIp(host);
		instance.setPort(port);
		instance.setWeight(weight);
		instance.setHealthy(true);
		instance.setEnabled(true);
		instance.setEphemeral(true);
		put(PUBLIC_NAMESPACE, group, service, instance, null);
	}

	/**
	 * Marks an instance of {@code DEFAULT_GROUP} healthy or not, as the server's health
	 * checks would.
	 * @param service the service name
	 * @param id the instance id
	 * @param healthy the health
	 */
	public void setHealthy(String service, String id, boolean healthy) {
		String key = key(PUBLIC_NAMESPACE, DEFAULT_GROUP, service);
		synchronized (this.lock) {
			Registered registered = this.services.getOrDefault(key, Map.of()).get(id);
			if (registered == null) {
				throw new IllegalArgumentException("no instance " + id + " of " + service);
			}
			registered.instance().setHealthy(healthy);
		}
		push(PUBLIC_NAMESPACE, DEFAULT_GROUP, service);
	}

	/**
	 * Deregisters an instance of {@code DEFAULT_GROUP}.
	 * @param service the service name
	 * @param id the instance id
	 */
	public void deregister(String service, String id) {
		deregister(DEFAULT_GROUP, service, id);
	}

	/**
	 * Deregisters an instance.
	 * @param group the group
	 * @param service the service name
	 * @param id the instance id
	 */
	public void deregister(String group, String service, String id) {
		synchronized (this.lock) {
			Map<String, Registered> instances = this.services.get(key(PUBLIC_NAMESPACE, group, service));
			if (instances == null || instances.remove(id) == null) {
				throw new IllegalArgumentException("no instance " + id + " of " + group + "@@" + service);
			}
		}
		push(PUBLIC_NAMESPACE, group, service);
	}

	/**
	 * How many gRPC connections have completed their set-up.
	 * @return the number of connections
	 */
	public int connections() {
		return (int) this.connections.values().stream().filter((connection) -> connection.stream != null).count();
	}

	/**
	 * How many subscriptions the connected clients hold.
	 * @return the number of subscriptions
	 */
	public int subscriptions() {
		return this.connections.values().stream().mapToInt((connection) -> connection.subscriptions.size()).sum();
	}

	/**
	 * Stops both servers and drops connections: clients get connection refused. Instances
	 * registered through {@link #register} are kept for {@link #restart()}; those of
	 * client connections go, as their connections do.
	 */
	public void stop() {
		HttpServer stoppingHttp;
		Server stoppingGrpc;
		synchronized (this.lock) {
			stoppingHttp = this.http;
			stoppingGrpc = this.grpc;
			this.http = null;
			this.grpc = null;
		}
		if (stoppingGrpc != null) {
			stoppingGrpc.shutdownNow();
			try {
				stoppingGrpc.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (stoppingHttp != null) {
			stoppingHttp.stop(0);
		}
		for (String id : List.copyOf(this.connections.keySet())) {
			dropConnection(id);
		}
	}

	/**
	 * Listens again on the same ports.
	 */
	public void restart() {
		synchronized (this.lock) {
			if (this.http != null) {
				return;
			}
		}
		try {
			listen(this.port);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot listen again on " + this.port, ex);
		}
	}

	@Override
	public void close() {
		stop();
		this.httpExecutor.shutdownNow();
	}

	private void listen(int requestedPort) throws IOException {
		HttpServer createdHttp = HttpServer
			.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 64);
		int httpPort = createdHttp.getAddress().getPort();
		if (httpPort + GRPC_PORT_OFFSET > 65535) {
			createdHttp.stop(0);
			throw new IOException("port " + httpPort + " leaves no room for gRPC");
		}
		Server createdGrpc;
		try {
			createdGrpc = NettyServerBuilder
				.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), httpPort + GRPC_PORT_OFFSET))
				.addTransportFilter(new ConnectionIds())
				.addService(ServerInterceptors.intercept(new RequestService(), new ConnectionIdInterceptor()))
				.addService(ServerInterceptors.intercept(new StreamService(), new ConnectionIdInterceptor()))
				.build()
				.start();
		}
		catch (IOException ex) {
			createdHttp.stop(0);
			throw ex;
		}
		createdHttp.setExecutor(this.httpExecutor);
		createdHttp.createContext("/", this::handleHttp);
		createdHttp.start();
		synchronized (this.lock) {
			this.http = createdHttp;
			this.grpc = createdGrpc;
			this.port = httpPort;
		}
	}

	// ---- state

	private void put(String namespace, String group, String service, Instance instance, String connectionId) {
		instance.setServiceName(group + "@@" + service);
		if (instance.getClusterName() == null || instance.getClusterName().isEmpty()) {
			instance.setClusterName("DEFAULT");
		}
		if (instance.getInstanceId() == null || instance.getInstanceId().isEmpty()) {
			instance.setInstanceId(instance.getIp() + "#" + instance.getPort() + "#" + instance.getClusterName() + "#"
					+ instance.getServiceName());
		}
		synchronized (this.lock) {
			this.services.computeIfAbsent(key(namespace, group, service), (k) -> new LinkedHashMap<>())
				.put(instance.getInstanceId(), new Registered(instance, connectionId));
		}
		push(namespace, group, service);
	}

	private void remove(String namespace, String group, String service, Instance instance) {
		boolean removed = false;
		synchronized (this.lock) {
			Map<String, Registered> instances = this.services.get(key(namespace, group, service));
			if (instances != null) {
				removed = instances.values()
					.removeIf((registered) -> registered.instance().getIp().equals(instance.getIp())
							&& registered.instance().getPort() == instance.getPort());
			}
		}
		if (removed) {
			push(namespace, group, service);
		}
	}

	private ServiceInfo serviceInfo(String namespace, String group, String service, boolean healthyOnly) {
		ServiceInfo info = new ServiceInfo();
		info.setName(service);
		info.setGroupName(group);
		info.setClusters("");
		info.setCacheMillis(10000);
		List<Instance> hosts = new ArrayList<>();
		synchronized (this.lock) {
			for (Registered registered : this.services.getOrDefault(key(namespace, group, service), Map.of())
				.values()) {
				if (!healthyOnly || registered.instance().isHealthy()) {
					hosts.add(copy(registered.instance()));
				}
			}
		}
		info.setHosts(hosts);
		info.setLastRefTime(System.currentTimeMillis());
		info.setChecksum(Integer.toHexString(hosts.toString().hashCode()));
		info.setReachProtectionThreshold(false);
		return info;
	}

	private static Instance copy(Instance source) {
		Instance copy = new Instance();
		copy.setInstanceId(source.getInstanceId());
		copy.setIp(source.getIp());
		copy.setPort(source.getPort());
		copy.setWeight(source.getWeight());
		copy.setHealthy(source.isHealthy());
		copy.setEnabled(source.isEnabled());
		copy.setEphemeral(source.isEphemeral());
		copy.setClusterName(source.getClusterName());
		copy.setServiceName(source.getServiceName());
		copy.setMetadata(new LinkedHashMap<>(source.getMetadata()));
		return copy;
	}

	private List<String> serviceNames(String namespace, String group) {
		Set<String> names = new TreeSet<>();
		String prefix = namespace + "##" + group + "@@";
		synchronized (this.lock) {
			for (Map.Entry<String, Map<String, Registered>> entry : this.services.entrySet()) {
				if (entry.getKey().startsWith(prefix) && !entry.getValue().isEmpty()) {
					names.add(entry.getKey().substring(prefix.length()));
				}
			}
		}
		return List.copyOf(names);
	}

	private void push(String namespace, String group, String service) {
		String key = key(namespace, group, service);
		for (Connection connection : this.connections.values()) {
			if (connection.subscriptions.contains(key)) {
				NotifySubscriberRequest notify = NotifySubscriberRequest
					.buildNotifySubscriberRequest(serviceInfo(namespace, group, service, false));
				notify.setRequestId(Long.toString(this.ids.incrementAndGet()));
				connection.send(GrpcUtils.convert(notify));
			}
		}
	}

	private void dropConnection(String connectionId) {
		Connection connection = this.connections.remove(connectionId);
		if (connection == null) {
			return;
		}
		List<String[]> touched = new ArrayList<>();
		synchronized (this.lock) {
			for (Map.Entry<String, Map<String, Registered>> entry : this.services.entrySet()) {
				if (entry.getValue().values().removeIf((registered) -> connectionId.equals(registered.owner()))) {
					touched.add(parseKey(entry.getKey()));
				}
			}
		}
		for (String[] parts : touched) {
			push(parts[0], parts[1], parts[2]);
		}
	}

	private static String key(String namespace, String group, String service) {
		String ns = (namespace == null || namespace.isEmpty()) ? PUBLIC_NAMESPACE : namespace;
		String g = (group == null || group.isEmpty()) ? DEFAULT_GROUP : group;
		return ns + "##" + g + "@@" + service;
	}

	private static String[] parseKey(String key) {
		int hashes = key.indexOf("##");
		int ats = key.indexOf("@@", hashes + 2);
		return new String[] { key.substring(0, hashes), key.substring(hashes + 2, ats), key.substring(ats + 2) };
	}

	private boolean authRequired() {
		return !this.password.isEmpty();
	}

	/** Null when allowed, else Nacos's message for the refusal. */
	private String authError(String accessToken) {
		if (!authRequired()) {
			return null;
		}
		if (accessToken == null || accessToken.isEmpty()) {
			return "user not found!";
		}
		return (!this.token.isEmpty() && accessToken.equals(this.token)) ? null : "token invalid!";
	}

	// ---- gRPC

	private Response handle(Request request, String connectionId) {
		if (request instanceof HealthCheckRequest) {
			return new HealthCheckResponse();
		}
		if (!(request instanceof AbstractNamingRequest naming)) {
			return ErrorResponse.build(302, "RequestHandler Not Found");
		}
		String denied = authError(request.getHeader("accessToken"));
		if (denied != null) {
			Response refused = emptyResponseFor(request);
			refused.setErrorInfo(403, denied);
			return refused;
		}
		String namespace = naming.getNamespace();
		String group = naming.getGroupName();
		String service = naming.getServiceName();
		if (request instanceof SubscribeServiceRequest subscribe) {
			Connection connection = this.connections.get(connectionId);
			String key = key(namespace, group, service);
			if (subscribe.isSubscribe()) {
				connection.subscriptions.add(key);
			}
			else {
				connection.subscriptions.remove(key);
			}
			return new SubscribeServiceResponse(200, "success", serviceInfo(namespace, group, service, false));
		}
		if (request instanceof ServiceQueryRequest query) {
			return QueryServiceResponse
				.buildSuccessResponse(serviceInfo(namespace, group, service, query.isHealthyOnly()));
		}
		if (request instanceof ServiceListRequest list) {
			List<String> names = serviceNames(namespace, group);
			int pageSize = Math.max(1, list.getPageSize());
			int from = Math.min(names.size(), Math.max(0, list.getPageNo() - 1) * pageSize);
			int to = Math.min(names.size(), from + pageSize);
			return ServiceListResponse.buildSuccessResponse(names.size(), new ArrayList<>(names.subList(from, to)));
		}
		if (request instanceof InstanceRequest instance) {
			if ("deregisterInstance".equals(instance.getType())) {
				remove(namespace, group, service, instance.getInstance());
			}
			else {
				put(namespace, group, service, instance.getInstance(), connectionId);
			}
			return new InstanceResponse(instance.getType());
		}
		if (request instanceof BatchInstanceRequest batch) {
			for (Instance each : batch.getInstances()) {
				put(namespace, group, service, each, connectionId);
			}
			return new BatchInstanceResponse(batch.getType());
		}
		return ErrorResponse.build(302, "RequestHandler Not Found");
	}

	private static Response emptyResponseFor(Request request) {
		if (request instanceof SubscribeServiceRequest) {
			return new SubscribeServiceResponse();
		}
		if (request instanceof ServiceQueryRequest) {
			return new QueryServiceResponse();
		}
		if (request instanceof ServiceListRequest) {
			return new ServiceListResponse();
		}
		if (request instanceof BatchInstanceRequest) {
			return new BatchInstanceResponse();
		}
		if (request instanceof InstanceRequest) {
			return new InstanceResponse();
		}
		return new ErrorResponse();
	}

	private final class RequestService extends RequestGrpc.RequestImplBase {

		@Override
		public void request(Payload payload, StreamObserver<Payload> responses) {
			String connectionId = CONTEXT_CONNECTION_ID.get();
			String type = payload.getMetadata().getType();
			Response response;
			if (ServerCheckRequest.class.getSimpleName().equals(type)) {
				response = new ServerCheckResponse(connectionId, false);
			}
			else if (!NacosEmulator.this.connections.containsKey(connectionId)
					|| NacosEmulator.this.connections.get(connectionId).stream == null) {
				response = ErrorResponse.build(301, "Connection is unregistered.");
			}
			else {
				Object parsed;
				try {
					parsed = GrpcUtils.parse(payload);
				}
				catch (RuntimeException ex) {
					parsed = null;
				}
				if (parsed instanceof Request request) {
					try {
						response = handle(request, connectionId);
						response.setRequestId(request.getRequestId());
					}
					catch (RuntimeException ex) {
						response = ErrorResponse.build(500, String.valueOf(ex.getMessage()));
					}
				}
				else {
					response = ErrorResponse.build(502, "Invalid request");
				}
			}
			responses.onNext(GrpcUtils.convert(response));
			responses.onCompleted();
		}

	}

	private final class StreamService extends BiRequestStreamGrpc.BiRequestStreamImplBase {

		@Override
		public StreamObserver<Payload> requestBiStream(StreamObserver<Payload> responses) {
			String connectionId = CONTEXT_CONNECTION_ID.get();
			return new StreamObserver<>() {

				@Override
				public void onNext(Payload payload) {
					Object parsed;
					try {
						parsed = GrpcUtils.parse(payload);
					}
					catch (RuntimeException ex) {
						return;
					}
					if (parsed instanceof ConnectionSetupRequest) {
						NacosEmulator.this.connections.computeIfAbsent(connectionId,
								Connection::new).stream = responses;
					}
					// Responses (acks of pushes) need no handling here.
				}

				@Override
				public void onError(Throwable error) {
					dropConnection(connectionId);
				}

				@Override
				public void onCompleted() {
					dropConnection(connectionId);
					try {
						responses.onCompleted();
					}
					catch (RuntimeException ex) {
						// The client has gone already.
					}
				}

			};
		}

	}

	/** Gives each transport (client connection) an id, as Nacos's transport filter. */
	private final class ConnectionIds extends ServerTransportFilter {

		@Override
		public Attributes transportReady(Attributes attributes) {
			Object remote = attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
			String remotePort = (remote instanceof InetSocketAddress address) ? Integer.toString(address.getPort())
					: "0";
			String id = System.currentTimeMillis() + "_127.0.0.1_" + remotePort;
			return attributes.toBuilder().set(CONNECTION_ID, id).build();
		}

		@Override
		public void transportTerminated(Attributes attributes) {
			String id = attributes.get(CONNECTION_ID);
			if (id != null) {
				dropConnection(id);
			}
		}

	}

	private static final class ConnectionIdInterceptor implements ServerInterceptor {

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call,
				com.alibaba.nacos.shaded.io.grpc.Metadata headers, ServerCallHandler<Q, R> next) {
			String id = call.getAttributes().get(CONNECTION_ID);
			return Contexts.interceptCall(Context.current().withValue(CONTEXT_CONNECTION_ID, id), call, headers, next);
		}

	}

	private static final class Connection {

		private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();

		private volatile StreamObserver<Payload> stream;

		Connection(String id) {
		}

		synchronized void send(Payload payload) {
			StreamObserver<Payload> target = this.stream;
			if (target == null) {
				return;
			}
			try {
				target.onNext(payload);
			}
			catch (RuntimeException ex) {
				// The stream is closing; the transport filter drops the connection.
				this.stream = null;
			}
		}

	}

	private record Registered(Instance instance, String owner) {
	}

	// ---- HTTP

	private void handleHttp(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			URI uri = exchange.getRequestURI();
			String path = uri.getRawPath();
			Map<String, String> params = params(uri.getRawQuery());
			String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
			if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
				params.putAll(params(new String(body, StandardCharsets.UTF_8)));
			}
			String method = exchange.getRequestMethod();
			if (method.equals("POST") && (path.equals("/nacos/v1/auth/login")
					|| path.equals("/nacos/v1/auth/users/login") || path.equals("/nacos/v3/auth/user/login"))) {
				login(exchange, params);
				return;
			}
			if (method.equals("GET") && path.equals("/nacos/v3/admin/core/state/liveness")) {
				write(exchange, 200, "application/json", "{\"code\":0,\"message\":\"success\",\"data\":\"ok\"}");
				return;
			}
			if (method.equals("GET") && path.equals("/nacos/v1/console/health/liveness")) {
				write(exchange, 200, "text/plain", "OK");
				return;
			}
			String accessToken = params.get("accessToken");
			if (accessToken == null) {
				accessToken = exchange.getRequestHeaders().getFirst("accessToken");
			}
			String denied = authError(accessToken);
			if (denied != null) {
				write(exchange, 403, "text/plain", denied);
				return;
			}
			String namespace = params.getOrDefault("namespaceId", PUBLIC_NAMESPACE);
			String group = params.getOrDefault("groupName", DEFAULT_GROUP);
			if (method.equals("GET") && path.equals("/nacos/v1/ns/operator/metrics")) {
				write(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("status", "UP", "serviceCount",
						serviceNames(namespace, group).size(), "clientCount", connections())));
			}
			else if (method.equals("GET") && path.equals("/nacos/v1/ns/instance/list")) {
				String service = params.get("serviceName");
				if (service == null || service.isEmpty()) {
					write(exchange, 400, "text/plain", "caused: Param 'serviceName' is required.;");
					return;
				}
				if (service.contains("@@")) {
					group = service.substring(0, service.indexOf("@@"));
					service = service.substring(service.indexOf("@@") + 2);
				}
				ServiceInfo info = serviceInfo(namespace, group, service,
						Boolean.parseBoolean(params.get("healthyOnly")));
				info.setName(group + "@@" + service);
				write(exchange, 200, "application/json", com.alibaba.nacos.common.utils.JacksonUtils.toJson(info));
			}
			else if (method.equals("GET") && path.equals("/nacos/v1/ns/service/list")) {
				List<String> names = serviceNames(namespace, group);
				int pageNo = Math.max(1, parseInt(params.get("pageNo"), 1));
				int pageSize = Math.max(1, parseInt(params.get("pageSize"), 10));
				int from = Math.min(names.size(), (pageNo - 1) * pageSize);
				int to = Math.min(names.size(), from + pageSize);
				Map<String, Object> page = new LinkedHashMap<>();
				page.put("count", names.size());
				page.put("doms", names.subList(from, to));
				write(exchange, 200, "application/json", JSON.writeValueAsString(page));
			}
			else {
				write(exchange, 404, "text/plain", "Not Found");
			}
		}
	}

	private void login(HttpExchange exchange, Map<String, String> params) throws IOException {
		if (authRequired()
				&& !(this.username.equals(params.get("username")) && this.password.equals(params.get("password")))) {
			write(exchange, 403, "text/plain", "user not found!");
			return;
		}
		synchronized (this.lock) {
			if (this.token.isEmpty()) {
				this.token = "emulated-" + UUID.randomUUID();
			}
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("accessToken", this.token);
		result.put("tokenTtl", TOKEN_TTL_SECONDS);
		result.put("globalAdmin", false);
		result.put("username", params.getOrDefault("username", ""));
		write(exchange, 200, "application/json", JSON.writeValueAsString(result));
	}

	private static int parseInt(String value, int fallback) {
		try {
			return (value != null) ? Integer.parseInt(value) : fallback;
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	private static Map<String, String> params(String raw) {
		Map<String, String> params = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return params;
		}
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			params.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return params;
	}

	private static void write(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType + ";charset=UTF-8");
		exchange.sendResponseHeaders(status, (bytes.length > 0) ? bytes.length : -1);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

}
