package io.portico.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free local port in front of one server, for fault tests:
 * {@link #cut()} resets every connection through it and resets new ones at once, as a
 * network outage would look to the client; {@link #restore()} lets connections through
 * again. The server itself (such as the shared PostgreSQL) is never stopped.
 *
 * <p>
 * Plain blocking sockets, two daemon threads per connection: meant for a handful of pool
 * connections, not for load. Example: <pre>
 * static final TcpProxy proxy = TcpProxy.start(schema.host(), schema.port());
 * registry.add("spring.r2dbc.url", () -&gt; schema.r2dbcUrl(proxy.host(), proxy.port()));
 * proxy.cut();
 * proxy.restore();
 * </pre>
 */
public final class TcpProxy implements AutoCloseable {

	private static final int CONNECT_TIMEOUT_MILLIS = 2000;

	private static final AtomicInteger THREADS = new AtomicInteger();

	private final String targetHost;

	private final int targetPort;

	private final ServerSocket server;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	private volatile boolean closed;

	private TcpProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		thread("accept", this::acceptLoop).start();
	}

	/**
	 * Starts a proxy to a server.
	 * @param targetHost the server's host
	 * @param targetPort the server's port
	 * @return the running proxy, letting connections through
	 */
	public static TcpProxy start(String targetHost, int targetPort) {
		try {
			return new TcpProxy(targetHost, targetPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The host clients connect to.
	 * @return the loopback address
	 */
	public String host() {
		return this.server.getInetAddress().getHostAddress();
	}

	/**
	 * The port clients connect to.
	 * @return the proxy's port
	 */
	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Resets every open connection and every new one until {@link #restore()}.
	 */
	public void cut() {
		this.cut = true;
		for (Socket socket : this.open) {
			reset(socket);
		}
	}

	/**
	 * Lets new connections through again.
	 */
	public void restore() {
		this.cut = false;
	}

	/**
	 * Whether the proxy is cut.
	 * @return {@code true} between {@link #cut()} and {@link #restore()}
	 */
	public boolean isCut() {
		return this.cut;
	}

	@Override
	public void close() {
		this.closed = true;
		cut();
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// Closing: nothing left to do.
		}
	}

	private void acceptLoop() {
		while (!this.closed) {
			Socket client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				return;
			}
			if (this.cut) {
				reset(client);
				continue;
			}
			connect(client);
		}
	}

	private void connect(Socket client) {
		Socket upstream = new Socket();
		try {
			upstream.connect(new InetSocketAddress(this.targetHost, this.targetPort), CONNECT_TIMEOUT_MILLIS);
		}
		catch (IOException ex) {
			reset(client);
			reset(upstream);
			return;
		}
		this.open.add(client);
		this.open.add(upstream);
		// A cut between the check and the registration would miss this pair.
		if (this.cut) {
			reset(client);
			reset(upstream);
			return;
		}
		thread("up", () -> pump(client, upstream)).start();
		thread("down", () -> pump(upstream, client)).start();
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// The other side went away or the proxy was cut: both sockets close below.
		}
		finally {
			reset(from);
			reset(to);
		}
	}

	private void reset(Socket socket) {
		this.open.remove(socket);
		try {
			if (!socket.isClosed() && socket.isConnected()) {
				// RST rather than FIN: the peer sees the connection fail, not end
				// politely.
				socket.setSoLinger(true, 0);
			}
			socket.close();
		}
		catch (SocketException ex) {
			// Already reset by the peer.
		}
		catch (IOException ex) {
			// Closing: nothing left to do.
		}
	}

	private static Thread thread(String role, Runnable task) {
		Thread thread = new Thread(task, "tcp-proxy-" + role + "-" + THREADS.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	}

}
