package io.portico.quickstart;

import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QuickstartOptionsTests {

	@Test
	void parse_withoutOptions_usesTheTutorialPorts() {
		QuickstartOptions options = QuickstartOptions.parse("--admin-jar=a.jar", "--gateway-jar=g.jar");

		assertThat(options.adminPort()).isEqualTo(9180);
		assertThat(options.gatewayPort()).isEqualTo(9080);
		assertThat(options.gatewayManagementPort()).isEqualTo(9091);
		assertThat(options.echoPort()).isEqualTo(8080);
		assertThat(options.group()).isEqualTo("default");
		assertThat(options.adminJar()).isEqualTo(Paths.get("a.jar"));
		assertThat(options.logDirectory()).isNull();
		assertThat(options.dataDirectory()).isEqualTo(Paths.get("data", "quickstart"));
	}

	@Test
	void parse_withPorts_overridesDefaults() {
		QuickstartOptions options = QuickstartOptions.parse("--admin-jar=a.jar", "--gateway-jar=g.jar",
				"--admin-port=1", "--gateway-port=2", "--gateway-management-port=3", "--echo-port=0", "--group=test",
				"--log-dir=target/logs", "--data-dir=target/data");

		assertThat(options.adminPort()).isEqualTo(1);
		assertThat(options.gatewayPort()).isEqualTo(2);
		assertThat(options.gatewayManagementPort()).isEqualTo(3);
		assertThat(options.echoPort()).isZero();
		assertThat(options.group()).isEqualTo("test");
		assertThat(options.logDirectory()).isEqualTo(Paths.get("target/logs"));
		assertThat(options.dataDirectory()).isEqualTo(Paths.get("target/data"));
	}

	@Test
	void parse_withMalformedOption_failsNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> QuickstartOptions.parse("admin-port"))
			.withMessageContaining("admin-port");
	}

	@Test
	void parse_withoutJarsOrBuild_explainsHowToBuild() {
		assertThatIllegalArgumentException().isThrownBy(() -> QuickstartOptions.parse("--gateway-jar=g.jar"))
			.withMessageContaining("package");
	}

}
