package io.portico.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.PublishedService;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Golden files: each {@code src/test/resources/compiler/<case>/input.json} (a published
 * service with routes and runtime in the stored format) is read with
 * {@link StoredFormat}, compiled, and compared with {@code expected.json}: the compiled
 * service, or {@code {"errors":[...]}}. An optional {@code canary} in the input is read,
 * validated (errors under {@code canary}) and written back into the expected output as
 * stored. Run with {@code -Dportico.golden.update=true} to rewrite the expected files
 * after an intended change, then review the diff.
 */
class DefaultRouteCompilerGoldenTests {

	private static final Path CASES = Path.of("src", "test", "resources", "compiler");

	private static final boolean UPDATE = Boolean.getBoolean("portico.golden.update");

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final RouteCompiler compiler = new DefaultRouteCompiler();

	static Stream<String> cases() throws IOException {
		try (Stream<Path> directories = Files.list(CASES)) {
			List<String> names = directories.filter(Files::isDirectory)
				.map((directory) -> directory.getFileName().toString())
				.sorted()
				.toList();
			assertThat(names).as("golden cases under %s", CASES.toAbsolutePath()).isNotEmpty();
			return names.stream();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void compile_matchesExpectedFile(String name) throws IOException {
		Path directory = CASES.resolve(name);
		String actual = run(Files.readString(directory.resolve("input.json"), StandardCharsets.UTF_8));
		Path expectedFile = directory.resolve("expected.json");
		if (UPDATE) {
			Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
			return;
		}
		if (!Files.exists(expectedFile)) {
			fail("%s is missing; run with -Dportico.golden.update=true and review it", expectedFile);
		}
		String expected = CompiledServiceJson.normalize(Files.readString(expectedFile, StandardCharsets.UTF_8));
		assertThat(actual).as("%s (rerun with -Dportico.golden.update=true if the change is intended)", expectedFile)
			.isEqualTo(expected);
	}

	private String run(String input) {
		JsonNode root = MAPPER.readTree(input);
		List<FieldError> errors = new ArrayList<>();
		List<RouteSpec> routes = null;
		RuntimeConfig runtime = null;
		CanarySpec canary = null;
		try {
			routes = StoredFormat.readRoutes(root.path("routes").toString());
		}
		catch (RouteCompilationException ex) {
			errors.addAll(ex.getErrors());
		}
		try {
			runtime = StoredFormat.readRuntime(root.path("runtime").toString());
		}
		catch (RouteCompilationException ex) {
			errors.addAll(ex.getErrors());
		}
		if (root.has("canary")) {
			try {
				canary = StoredFormat.readCanary(root.get("canary").toString());
			}
			catch (RouteCompilationException ex) {
				errors.addAll(ex.getErrors());
			}
		}
		if (!errors.isEmpty()) {
			return CompiledServiceJson.write(errors);
		}
		PublishedService service = new PublishedService(text(root, "gateway_group_id"), text(root, "service_id"),
				text(root, "service_name"), text(root, "version"), text(root, "upstream_scheme"), routes, runtime);
		try {
			String compiled = CompiledServiceJson.write(this.compiler.compile(service), canary);
			if (canary != null) {
				this.compiler.validateCanary(canary).forEach((error) -> errors.add(error.under(StoredFormat.CANARY)));
			}
			return errors.isEmpty() ? compiled : CompiledServiceJson.write(errors);
		}
		catch (RouteCompilationException ex) {
			return CompiledServiceJson.write(ex.getErrors());
		}
	}

	private static String text(JsonNode root, String field) {
		JsonNode value = root.get(field);
		return (value != null && !value.isNull()) ? value.asString() : null;
	}

}
