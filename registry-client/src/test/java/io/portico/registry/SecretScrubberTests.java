package io.portico.registry;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SecretScrubber}: every secret the settings declare is masked, and nothing else.
 */
class SecretScrubberTests {

	@Test
	void scrub_masksTheSecretOfEveryRegistryType() {
		assertThat(SecretScrubber.of(new KubernetesSettings("https://k:6443", "tok-1")).scrub("bad tok-1: tok-1"))
			.isEqualTo("bad ******: ******");
		assertThat(SecretScrubber.of(new ConsulSettings("http://c:8500", "acl-2", "dc1")).scrub("acl acl-2 at dc1"))
			.isEqualTo("acl ****** at dc1");
		assertThat(SecretScrubber.of(new NacosSettings("n:8848", "nacos", "pw-3", "ns", "g")).scrub("nacos / pw-3"))
			.isEqualTo("nacos / ******");
		assertThat(SecretScrubber.of(new EurekaSettings(List.of("http://e:8761/eureka/"))).scrub("down"))
			.isEqualTo("down");
	}

	@Test
	void scrub_withoutSecretsOrText_changesNothing() {
		assertThat(SecretScrubber.of(new ConsulSettings("http://c:8500", "", "")).scrub("no token here"))
			.isEqualTo("no token here");
		assertThat(SecretScrubber.of("secret").scrub(null)).isNull();
		assertThat(SecretScrubber.of((String) null, "").scrub("text")).isEqualTo("text");
	}

	@Test
	void scrub_secretContainingAnother_masksTheLongerWhole() {
		assertThat(SecretScrubber.of("abc", "abcdef").scrub("x abcdef y abc")).isEqualTo("x ****** y ******");
	}

	@Test
	void revealedBy_findsASecretAnywhereInTheCauseChain() {
		SecretScrubber scrubber = SecretScrubber.of(new KubernetesSettings("https://k:6443", "tok-1"));
		assertThat(scrubber.revealedBy(new IllegalStateException("outer", new RuntimeException("Bearer tok-1"))))
			.isTrue();
		assertThat(scrubber.revealedBy(new IllegalStateException("outer", new RuntimeException("refused")))).isFalse();
		assertThat(scrubber.revealedBy(null)).isFalse();
	}

	@Test
	void secrets_areTheStoredSecretFieldsOfEachType() {
		assertThat(new KubernetesSettings("", "t").secrets()).containsOnlyKeys("token");
		assertThat(new ConsulSettings("", "t", "").secrets()).containsOnlyKeys("token");
		assertThat(new NacosSettings("", "u", "p", "", "").secrets()).containsOnlyKeys("password");
		assertThat(new EurekaSettings(List.of()).secrets()).isEmpty();
	}

}
