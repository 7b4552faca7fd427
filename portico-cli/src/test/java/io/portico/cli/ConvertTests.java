package io.portico.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ConvertTests {

	@Test
	void petstoreBecomesAFileThatLintAccepts(@TempDir Path dir) throws Exception {
		Path out = dir.resolve("petstore.yaml");
		CliRun convert = CliRun.run(Map.of(), "convert", "openapi", "-f",
				"src/test/resources/openapi/petstore-3.0.yaml", "-o", out.toString(), "--name", "petstore");
		assertThat(convert.code()).as(convert.err()).isZero();
		String text = Files.readString(out);
		assertThat(text).contains("name: petstore").contains("version: 1.0.0").contains("host: petstore3.swagger.io");
		CliRun lint = CliRun.run(Map.of(), "lint", "-f", out.toString());
		assertThat(lint.code()).as(lint.err()).isZero();
		assertThat(lint.out()).isEqualTo("Valid: 1 service(s), 19 route(s).\n");
	}

	@Test
	void refusesAnInvalidDocument(@TempDir Path dir) throws Exception {
		Path spec = dir.resolve("bad.yaml");
		Files.writeString(spec, "openapi: 3.0.0\ninfo: {version: '1'}\npaths: {}\n");
		CliRun convert = CliRun.run(Map.of(), "convert", "openapi", "-f", spec.toString());
		assertThat(convert.code()).isEqualTo(2);
		assertThat(convert.err()).contains("info.title");
	}

}
