package io.portico.admin.registry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.portico.registry.ConsulSettings;
import io.portico.registry.EurekaSettings;
import io.portico.registry.KubernetesSettings;
import io.portico.registry.NacosSettings;
import io.portico.registry.RegistryException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages about registry failures: clear, bounded, and scrubbed of the connection's
 * secrets.
 */
class RegistryMessagesTests {

	@Test
	void describe_scrubsEverySecretTypeFromTheMessage() {
		assertThat(RegistryMessages.describe(new RegistryException("token tok-1 refused: tok-1", null),
				new KubernetesSettings("https://k8s:6443", "tok-1"), Duration.ofSeconds(5)))
			.isEqualTo("token ****** refused: ******");
		assertThat(RegistryMessages.describe(new IllegalStateException("acl acl-2"),
				new ConsulSettings("http://c:8500", "acl-2", ""), Duration.ofSeconds(5)))
			.isEqualTo("acl ******");
		assertThat(RegistryMessages.describe(new IllegalStateException("user nacos / pw-3"),
				new NacosSettings("n:8848", "nacos", "pw-3", "", ""), Duration.ofSeconds(5)))
			.isEqualTo("user nacos / ******");
		assertThat(RegistryMessages.describe(new IllegalStateException("down"),
				new EurekaSettings(List.of("http://e:8761/eureka/")), Duration.ofSeconds(5)))
			.isEqualTo("down");
	}

	@Test
	void describe_timeoutOrEmptyMessage_saysWhatHappened() {
		assertThat(RegistryMessages.describe(new TimeoutException("Did not observe any item"),
				new ConsulSettings("http://c:8500", "", ""), Duration.ofMillis(1500)))
			.isEqualTo("the registry did not answer within 1500ms");
		assertThat(RegistryMessages.describe(new TimeoutException(), new ConsulSettings("http://c:8500", "", ""),
				Duration.ofSeconds(5)))
			.isEqualTo("the registry did not answer within 5s");
		assertThat(RegistryMessages.describe(new IllegalStateException(), new ConsulSettings("http://c:8500", "", ""),
				Duration.ofSeconds(5)))
			.isEqualTo("IllegalStateException");
	}

	@Test
	void scrub_boundsTheLengthToTheColumn() {
		String scrubbed = RegistryMessages.scrub("x".repeat(5000), new ConsulSettings("http://c:8500", "", ""));
		assertThat(scrubbed).hasSize(2000).endsWith("…");
	}

}
