package io.portico.admin.web;

import java.time.Duration;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures mean the database is unreachable, and the 503 problem they answer.
 */
class DatabaseUnreachableTests {

	private final ProblemWebExceptionHandler handler = new ProblemWebExceptionHandler(JsonMapper.builder().build());

	@Test
	void find_connectionFailuresFromAnyLayer_areRecognizedThroughTheirCauses() {
		R2dbcNonTransientResourceException driver = new R2dbcNonTransientResourceException(
				"Connection refused: /10.0.0.5:5432");

		assertThat(DatabaseUnreachable.find(driver)).isSameAs(driver);
		assertThat(DatabaseUnreachable.find(new IllegalStateException("wrapped", driver))).isSameAs(driver);
		assertThat(DatabaseUnreachable.find(new DataAccessResourceFailureException("no connection"))).isNotNull();
		assertThat(DatabaseUnreachable.find(new CannotCreateTransactionException("no connection"))).isNotNull();
		assertThat(DatabaseUnreachable.find(new R2dbcNonTransientResourceException("shutting down", "57P01")))
			.isNotNull();
	}

	@Test
	void find_applicationFailures_areNotMistakenForAnOutage() {
		assertThat(DatabaseUnreachable.find(new DuplicateKeyException("taken"))).isNull();
		assertThat(DatabaseUnreachable.find(new OptimisticLockingFailureException("stale"))).isNull();
		assertThat(DatabaseUnreachable.find(new IllegalStateException("bug"))).isNull();
		// A trigger's RAISE: the driver calls it a non-transient resource error, Spring a
		// resource failure; its SQLSTATE says the server answered.
		assertThat(DatabaseUnreachable.find(new DataAccessResourceFailureException("boom",
				new R2dbcNonTransientResourceException("boom", "P0001"))))
			.isNull();
	}

	@Test
	void handle_unreachableDatabase_answers503ProblemWithRetryAfterAndNoAddress() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("/api/services/publish"));

		StepVerifier
			.create(this.handler.handle(exchange,
					new DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
							new R2dbcNonTransientResourceException("Connection refused: /10.0.0.5:5432"))))
			.expectComplete()
			.verify(Duration.ofSeconds(5));

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		StepVerifier.create(exchange.getResponse().getBodyAsString())
			.assertNext((body) -> assertThat(body).contains("The database is unreachable; nothing was changed; retry")
				.doesNotContain("10.0.0.5", "R2DBC", "Connection refused"))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

}
