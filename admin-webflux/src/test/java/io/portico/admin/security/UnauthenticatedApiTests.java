package io.portico.admin.security;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminUsers;
import io.portico.admin.access.Permitted;
import io.portico.admin.access.Public;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static io.portico.admin.AdminApi.okBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every operation the admin's own {@code /v3/api-docs} describes, called without (valid)
 * credentials, is refused with a {@code 401} problem: a new endpoint cannot slip through
 * unprotected. Also: every handler method declares its permission, and the document
 * describes the security schemes and each operation's permission.
 */
@AdminHttpTest
class UnauthenticatedApiTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("adminunauth");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

	@Autowired
	WebTestClient client;

	@Autowired
	ApplicationContext context;

	static Stream<Arguments> credentials() {
		return Stream.of(arguments("no credentials", (Consumer<HttpHeaders>) (headers) -> {
		}), arguments("an unknown token in X-API-KEY",
				(Consumer<HttpHeaders>) (headers) -> headers.set("X-API-KEY", "pt_bogus0000000000000000000000000000")),
				arguments("an empty X-API-KEY", (Consumer<HttpHeaders>) (headers) -> headers.set("X-API-KEY", "")),
				arguments("Authorization: Basic",
						(Consumer<HttpHeaders>) (headers) -> headers.setBasicAuth("admin", "admin-password")),
				arguments("a Bearer token of the wrong shape",
						(Consumer<HttpHeaders>) (headers) -> headers.setBearerAuth("not-a-portico-token")),
				arguments("a well-formed Bearer token that does not exist", (Consumer<HttpHeaders>) (headers) -> headers
					.setBearerAuth("pt_doesnotexistdoesnotexistdoesnotexist")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("credentials")
	void everyDocumentedOperation_withoutValidCredentials_is401Problem(String label, Consumer<HttpHeaders> headers) {
		WebTestClient caller = AdminUsers.anonymous(this.client).mutate().defaultHeaders(headers).build();
		List<Operation> operations = operations();
		assertThat(operations).as("operations in /v3/api-docs").hasSizeGreaterThan(40);
		List<String> unprotected = new ArrayList<>();
		for (Operation operation : operations) {
			EntityExchangeResult<byte[]> result = call(caller, operation);
			int status = result.getStatus().value();
			MediaType type = result.getResponseHeaders().getContentType();
			if (operation.isLogin()) {
				// The sign-in needs no credentials: an empty body is a bad request, a bad
				// credential header a 401; never a success.
				if (status != 400 && status != 401) {
					unprotected.add(operation + " answered " + status + " (expected 400 or 401)");
				}
				continue;
			}
			if (status != 401 || type == null || !type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
				unprotected.add(operation + " answered " + status + " " + type);
			}
		}
		assertThat(unprotected).as("operations not refused with a 401 problem with " + label).isEmpty();
	}

	@Test
	void healthProbes_answerWithoutCredentials() {
		WebTestClient anonymous = AdminUsers.anonymous(this.client);
		anonymous.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		anonymous.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
	}

	@Test
	void everyHandlerMethod_declaresAPermissionOrIsPublic() {
		List<String> undeclared = new ArrayList<>();
		List<String> declared = new ArrayList<>();
		List<String> publicOnes = new ArrayList<>();
		for (RequestMappingHandlerMapping mapping : this.context.getBeansOfType(RequestMappingHandlerMapping.class)
			.values()) {
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
				Method method = entry.getValue().getMethod();
				if (!method.getDeclaringClass().getName().startsWith("io.portico.admin.")) {
					continue;
				}
				String name = method.getDeclaringClass().getSimpleName() + "." + method.getName() + " "
						+ entry.getKey();
				if (AnnotatedElementUtils.hasAnnotation(method, Public.class)) {
					publicOnes.add(name);
				}
				else if (AnnotatedElementUtils.hasAnnotation(method, Permitted.class)
						|| AnnotatedElementUtils.hasAnnotation(method, Permitted.List.class)) {
					declared.add(name);
				}
				else {
					undeclared.add(name);
				}
			}
		}
		assertThat(undeclared).as("handler methods without @Permitted or @Public").isEmpty();
		assertThat(declared).as("handler methods with @Permitted").hasSizeGreaterThan(40);
		assertThat(publicOnes).as("the only public handlers are the sign-ins and the dashboard's entry")
			.hasSize(4)
			.anyMatch((name) -> name.contains("LoginController.login"))
			.anyMatch((name) -> name.contains("SignInController.login"))
			.anyMatch((name) -> name.contains("SignInController.loginPage"))
			.anyMatch((name) -> name.contains("SignInController.root"));
	}

	@Test
	void apiDocs_describeTheSecuritySchemesAndEachOperationsPermission() {
		JsonNode docs = apiDocs();
		JsonNode schemes = docs.path("components").path("securitySchemes");
		assertThat(schemes.path("apiKey").path("type").asString()).isEqualTo("apiKey");
		assertThat(schemes.path("apiKey").path("in").asString()).isEqualTo("header");
		assertThat(schemes.path("apiKey").path("name").asString()).isEqualTo("X-API-KEY");
		assertThat(schemes.path("bearer").path("type").asString()).isEqualTo("http");
		assertThat(schemes.path("bearer").path("scheme").asString()).isEqualTo("bearer");
		assertThat(schemes.path("session").path("type").asString()).isEqualTo("apiKey");
		assertThat(schemes.path("session").path("in").asString()).isEqualTo("cookie");
		assertThat(schemes.path("session").path("name").asString()).isEqualTo("SESSION");
		List<String> globalRequirements = new ArrayList<>();
		docs.path("security").forEach((requirement) -> requirement.propertyNames().forEach(globalRequirements::add));
		assertThat(globalRequirements).containsExactlyInAnyOrder("apiKey", "bearer", "session");

		List<String> undocumented = new ArrayList<>();
		for (Operation operation : operations()) {
			JsonNode node = docs.path("paths").path(operation.path()).path(operation.method());
			if (operation.isLogin()) {
				assertThat(node.path("security").isArray() && node.path("security").isEmpty())
					.as("the sign-in declares no security requirement")
					.isTrue();
				continue;
			}
			if (!node.path("description").asString("").contains("Required permission")) {
				undocumented.add(operation.toString());
			}
		}
		assertThat(undocumented).as("operations whose description does not name the required permission").isEmpty();
	}

	private EntityExchangeResult<byte[]> call(WebTestClient caller, Operation operation) {
		String uri = operation.path().replaceAll("\\{[^}]+}", "x1");
		WebTestClient.RequestBodySpec request = caller
			.method(HttpMethod.valueOf(operation.method().toUpperCase(Locale.ROOT)))
			.uri(uri);
		WebTestClient.RequestHeadersSpec<?> spec = request;
		if (operation.bodyType() != null) {
			spec = request.contentType(MediaType.parseMediaType(operation.bodyType())).bodyValue("{}");
		}
		return spec.exchange().expectBody().returnResult();
	}

	private List<Operation> operations() {
		JsonNode docs = apiDocs();
		List<Operation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
			for (String method : METHODS) {
				JsonNode operation = path.getValue().path(method);
				if (operation.isMissingNode()) {
					continue;
				}
				Iterator<String> types = operation.path("requestBody").path("content").propertyNames().iterator();
				operations.add(new Operation(method, path.getKey(), types.hasNext() ? types.next() : null));
			}
		}
		return operations;
	}

	private JsonNode apiDocs() {
		byte[] body = okBody(AdminUsers.anonymous(this.client).get().uri("/v3/api-docs").exchange());
		return JSON.readTree(body);
	}

	private record Operation(String method, String path, String bodyType) {

		boolean isLogin() {
			return "post".equals(this.method) && "/api/login".equals(this.path);
		}

		@Override
		public String toString() {
			return this.method.toUpperCase(Locale.ROOT) + " " + this.path;
		}

	}

}
