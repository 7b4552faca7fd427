package io.portico.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.Timeouts;
import io.portico.echo.EchoServer;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Limits against what clients send and slow upstreams: a body over the limit is answered
 * 413 from its {@code Content-Length} or while it streams, before the client has sent it
 * all (the gateway never buffers it); a body under the limit passes; a client that sends
 * its body a byte every 2 s is cut at the 1 s read timeout; a header block over the
 * server's limit is refused; a slow upstream gets a 504 at its read timeout while a fast
 * route of the same gateway answers as fast as ever.
 */
@GatewayHttpTest(properties = { "portico.gateway.limits.max-body-size=1MB", "server.max-http-request-header-size=16KB",
		"portico.gateway.limits.client-read-timeout=1s" })
class RequestLimitsIntegrationTests {

	private static final int CHUNK = 64 * 1024;

	private static final int TWENTY_MB_IN_CHUNKS = 20 * 1024 * 1024 / CHUNK;

	static final PostgresTestSchema db = PostgresTestSchema.create("gw_limits");

	static final EchoServer upstream = EchoServer.start("127.0.0.1", 0, "upstream");

	private final PublishFixture fixture = new PublishFixture(db);

	@LocalServerPort
	int port;

	@Test
	void bodyOverTheLimit_is413_fromContentLengthOrWhileStreaming_beforeTheClientSentItAll() {
		publish("limits", "/upload/*");
		AtomicInteger sentChunks = new AtomicInteger();
		// 64 KB every 10 ms: the whole body would take over 3 s to send.
		Flux<DataBuffer> twentyMegabytes = Flux.range(0, TWENTY_MB_IN_CHUNKS)
			.delayElements(Duration.ofMillis(10))
			.map((i) -> {
				sentChunks.incrementAndGet();
				return DefaultDataBufferFactory.sharedInstance.wrap(new byte[CHUNK]);
			});

		// Chunked: no Content-Length, the limit is found while the body streams.
		AtomicInteger sentWhenAnswered = new AtomicInteger();
		HttpStatusCode streamed = client().post()
			.uri("/upload/chunked")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(twentyMegabytes, DataBuffer.class)
			.exchangeToMono((response) -> {
				sentWhenAnswered.set(sentChunks.get());
				return Mono.just(response.statusCode());
			})
			.block(Duration.ofSeconds(20));

		assertThat(streamed.value()).isEqualTo(413);
		// The answer came after about 1 MB, not after 20 MB: the gateway streamed and
		// counted the body; it never held it whole.
		assertThat(sentWhenAnswered.get()).as("chunks of 64 KB the client had produced when the 413 came")
			.isLessThan(TWENTY_MB_IN_CHUNKS / 2);

		HttpStatusCode declared = client().post()
			.uri("/upload/declared")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(new byte[2 * 1024 * 1024])
			.exchangeToMono((response) -> Mono.just(response.statusCode()))
			.block(Duration.ofSeconds(10));
		assertThat(declared.value()).isEqualTo(413);

		HttpStatusCode small = client().post()
			.uri("/upload/small")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(new byte[512 * 1024])
			.exchangeToMono((response) -> Mono.just(response.statusCode()))
			.block(Duration.ofSeconds(10));
		assertThat(small.value()).isEqualTo(200);
	}

	@Test
	void clientSendingItsBodyAByteEvery2s_isCutAtTheReadTimeout() throws Exception {
		publish("slow-client", "/slow-client/*");

		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			out.write(("POST /slow-client/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			long started = System.nanoTime();
			int sent = 0;
			boolean cut = false;
			while (!cut && sent < 10) {
				try {
					out.write('x');
					out.flush();
					sent++;
					// Up to 2 s for the gateway to answer or close before the next byte.
					socket.setSoTimeout(2000);
					int read = in.read();
					cut = true;
					assertThat(read).as("the gateway closes, or answers 408").isIn(-1, (int) 'H');
				}
				catch (SocketTimeoutException ex) {
					// Still open: send the next byte.
				}
				catch (IOException ex) {
					cut = true;
				}
			}
			assertThat(cut).as("connection cut").isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			assertThat(sent).isLessThan(4);
		}
	}

	@Test
	void headerBlockOverTheServersLimit_isRefused() {
		publish("headers", "/headers/*");

		HttpStatusCode status = client().get()
			.uri("/headers/x")
			.header("X-Large", "a".repeat(20 * 1024))
			.exchangeToMono((response) -> Mono.just(response.statusCode()))
			.block(Duration.ofSeconds(10));

		assertThat(status.value()).isEqualTo(431);
	}

	@Test
	void slowUpstream_gets504AtItsReadTimeout_andAFastRouteIsUnaffected() {
		this.fixture.publish("default", "slow-upstream", "1.0.0", PublishFixture.routes("/delay/*"),
				PublishFixture.runtime(List.of(PublishFixture.node(upstream.port(), 100)), PassHost.PASS, null,
						new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(1500))));
		publish("fast-upstream", "/fast/*");
		GatewayHttp.awaitStatus(GatewayHttp.client(this.port), "/fast/x", Duration.ofSeconds(5), 10, "fast", 200);
		GatewayHttp.awaitStatus(GatewayHttp.client(this.port), "/delay/0", Duration.ofSeconds(5), 10, "slow", 200);
		Duration fastAlone = fastest(10);

		List<Mono<Long>> slow = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			slow.add(Mono.defer(() -> {
				long started = System.nanoTime();
				return client().get()
					.uri("/delay/5")
					.exchangeToMono((response) -> Mono.just(response.statusCode().value()))
					.map((status) -> (status == 504) ? System.nanoTime() - started : -1L);
			}));
		}
		Mono<List<Long>> timedOut = Flux.merge(slow).collectList().cache();
		timedOut.subscribe();
		Duration fastDuringSlow = fastest(10);
		List<Long> elapsed = timedOut.block(Duration.ofSeconds(10));

		assertThat(elapsed).hasSize(20)
			.allSatisfy((nanos) -> assertThat(Duration.ofNanos(nanos)).isBetween(Duration.ofMillis(1350),
					Duration.ofMillis(1650)));
		assertThat(fastDuringSlow).isLessThan(fastAlone.plusMillis(50));
	}

	/** The fastest of some GETs of the fast route: its latency without queueing noise. */
	private Duration fastest(int requests) {
		Duration best = Duration.ofDays(1);
		for (int i = 0; i < requests; i++) {
			long started = System.nanoTime();
			int status = GatewayHttp.status(GatewayHttp.client(this.port), "/fast/x");
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(status).isEqualTo(200);
			best = (took.compareTo(best) < 0) ? took : best;
		}
		return best;
	}

	private void publish(String service, String path) {
		this.fixture.publish("default", service, "1.0.0", PublishFixture.routes(path, "GET", "POST"),
				PublishFixture.runtime(List.of(PublishFixture.node(upstream.port(), 100))));
		GatewayHttp.awaitStatus(GatewayHttp.client(this.port), path.replace("*", "x"), Duration.ofSeconds(5), 10,
				service, 200);
	}

	private WebClient client() {
		return WebClient.create("http://localhost:" + this.port);
	}

}
