package io.portico.admin.ui;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.portico.admin.AdminTestDatabase;
import io.portico.admin.AdminUsers;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's pages on PostgreSQL: without a session every page leads to the sign-in
 * form; the form signs in with the API's checks; each page renders for a super admin; a
 * viewer is offered no publish action and cannot open the publish wizard; the import
 * preview shows what an import would do and writes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class DashboardTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("admindashboard");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern META_CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

	private static final String SUPER_ADMIN_PASSWORD = "ui-admin-password-123";

	private static boolean superAdminCreated;

	@Autowired
	WebTestClient client;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		AdminTestDatabase.register(registry, schema);
	}

	@AfterAll
	static void dropSchema() {
		schema.close();
	}

	@Test
	void everyDashboardPage_withoutASession_leadsToTheSignInForm() {
		List<String> pages = this.mappings.getHandlerMethods()
			.keySet()
			.stream()
			.flatMap((info) -> info.getPatternsCondition().getPatterns().stream())
			.map(PathPattern::getPatternString)
			.filter((pattern) -> pattern.startsWith("/ui") && !pattern.equals("/ui/login"))
			.map((pattern) -> pattern.replaceAll("\\{[^}]+}", "x"))
			.distinct()
			.toList();
		assertThat(pages).contains("/ui/services", "/ui/publish", "/ui/groups/x/instances");
		for (String page : pages) {
			anonymous().get()
				.uri(page)
				.exchange()
				.expectStatus()
				.isFound()
				.expectHeader()
				.valueEquals(HttpHeaders.LOCATION, "/ui/login");
		}
		anonymous().get().uri("/").exchange().expectStatus().is3xxRedirection();
	}

	@Test
	void signInForm_withAWrongPassword_showsWhy_andTheRightOneOpensTheServiceHub() {
		new AdminUsers(this.client).create("ui-carol", "carol-password-123", "viewer@default");
		Page form = page(null, "/ui/login");
		String body = anonymous().post()
			.uri("/ui/login")
			.cookie("SESSION", form.session())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("_csrf=" + form.csrf() + "&username=ui-carol&password=wrong-password")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("Wrong username or password");

		String session = signIn("ui-carol", "carol-password-123");
		assertThat(page(session, "/ui/services").html()).contains("Service Hub", "ui-carol");
	}

	@Test
	void everyPage_forASuperAdmin_renders() {
		this.client.post()
			.uri("/api/services/template")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"id\": \"ui-httpbin\", \"name\": \"ui-httpbin\"}")
			.exchange()
			.expectStatus()
			.isCreated();
		this.client.post()
			.uri("/api/services/template/ui-httpbin/routes")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"anything\", \"paths\": [\"/anything/*\"], \"methods\": [\"GET\"]}")
			.exchange()
			.expectStatus()
			.isCreated();
		this.client.post()
			.uri("/api/services/publish")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"gateway_group_id\": \"default\", \"services\": [{\"template_id\": \"ui-httpbin\","
					+ " \"version\": \"1.0.0\", \"upstream\": {\"nodes\": [{\"host\": \"127.0.0.1\", \"port\": 8080}]}}]}")
			.exchange()
			.expectStatus()
			.isOk();
		String session = signIn(superAdmin(), SUPER_ADMIN_PASSWORD);
		Map<String, String> pages = Map.ofEntries(Map.entry("/ui/services", "Service Hub"),
				Map.entry("/ui/services/new", "Import OpenAPI"), Map.entry("/ui/services/ui-httpbin", "Add Route"),
				Map.entry("/ui/publish?service=ui-httpbin", "How to find the upstream"),
				Map.entry("/ui/groups/default/services", "ui-httpbin"),
				Map.entry("/ui/groups/default/services/ui-httpbin", "Version history"),
				Map.entry("/ui/groups/default/services/ui-httpbin/diff?a=1.0.0&b=1.0.0", "1 unchanged"),
				Map.entry("/ui/groups/default/registries", "Add Service Registry Connection"),
				Map.entry("/ui/groups/default/instances", "Group config revision"),
				Map.entry("/ui/groups", "Create a gateway group"), Map.entry("/ui/audit", "publish"),
				Map.entry("/ui/tokens", "Create a token"));
		pages.forEach((path, text) -> assertThat(page(session, path).html()).as(path).contains(text));
	}

	@Test
	void viewer_isOfferedNoPublishAction_andThePublishWizardIsRefused() {
		new AdminUsers(this.client).create("ui-victor", "victor-password-123", "viewer@default");
		String session = signIn("ui-victor", "victor-password-123");
		assertThat(page(session, "/ui/services").html()).doesNotContain("id=\"add-service\"",
				"id=\"publish-selected\"");
		assertThat(page(session, "/ui/groups/default/services").html()).doesNotContain("id=\"publish-to-group\"");
		anonymous().get()
			.uri("/ui/publish")
			.cookie("SESSION", session)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("Not allowed", "gateway_group:publish"));
	}

	@Test
	void importPreview_listsTheRoutesAnImportWouldCreate_andWritesNothing() throws Exception {
		String session = signIn(superAdmin(), SUPER_ADMIN_PASSWORD);
		Page hub = page(session, "/ui/services/new");
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		String petstore = new ClassPathResource("openapi/petstore-3.0.yaml").getContentAsString(StandardCharsets.UTF_8);
		MultipartBodyBuilder form = new MultipartBodyBuilder();
		form.part("document", petstore);
		form.part("name", "ui-petstore");
		String html = anonymous().post()
			.uri("/ui/services/import/preview")
			.cookie("SESSION", session)
			.header("X-CSRF-TOKEN", hub.meta())
			.body(BodyInserters.fromMultipartData(form.build()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(html).contains("A new service: ui-petstore", "id=\"import-added-count\">19<");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	/**
	 * A super admin who signs in with a password (the bootstrap one has a token only).
	 */
	private String superAdmin() {
		if (!superAdminCreated) {
			new AdminUsers(this.client).create("ui-admin", SUPER_ADMIN_PASSWORD, "super_admin");
			superAdminCreated = true;
		}
		return "ui-admin";
	}

	private String signIn(String username, String password) {
		Page form = page(null, "/ui/login");
		EntityExchangeResult<byte[]> result = anonymous().post()
			.uri("/ui/login")
			.cookie("SESSION", form.session())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("_csrf=" + form.csrf() + "&username=" + username + "&password=" + password)
			.exchange()
			.expectStatus()
			.isSeeOther()
			.expectHeader()
			.valueEquals(HttpHeaders.LOCATION, "/ui/services")
			.expectBody()
			.returnResult();
		ResponseCookie cookie = result.getResponseCookies().getFirst("SESSION");
		assertThat(cookie).as("a new session on sign-in").isNotNull();
		return cookie.getValue();
	}

	private Page page(String session, String path) {
		WebTestClient.RequestHeadersSpec<?> request = anonymous().get().uri(path);
		if (session != null) {
			request = request.cookie("SESSION", session);
		}
		EntityExchangeResult<String> result = request.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult();
		ResponseCookie cookie = result.getResponseCookies().getFirst("SESSION");
		String html = result.getResponseBody();
		return new Page((cookie != null) ? cookie.getValue() : session, html, find(CSRF, html), find(META_CSRF, html));
	}

	private static String find(Pattern pattern, String html) {
		Matcher matcher = pattern.matcher((html != null) ? html : "");
		return matcher.find() ? matcher.group(1) : null;
	}

	private WebTestClient anonymous() {
		return AdminUsers.anonymous(this.client);
	}

	private record Page(String session, String html, String csrf, String meta) {

	}

}
