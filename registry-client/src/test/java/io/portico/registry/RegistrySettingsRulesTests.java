package io.portico.registry;

import java.util.List;

import io.portico.compiler.FieldError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RegistrySettingsRules}: each rule names the admin API field, and no message
 * repeats a secret.
 */
class RegistrySettingsRulesTests {

	private static final String SECRET = "s3cr3t-value-never-shown";

	@Test
	void validate_completeSettingsOfEveryType_hasNoError() {
		assertThat(RegistrySettingsRules.validate(new KubernetesSettings("https://10.0.0.1:6443", SECRET))).isEmpty();
		assertThat(RegistrySettingsRules.validate(new KubernetesSettings("", ""))).isEmpty();
		assertThat(RegistrySettingsRules.validate(new ConsulSettings("http://127.0.0.1:8500", SECRET, "dc1")))
			.isEmpty();
		assertThat(RegistrySettingsRules
			.validate(new EurekaSettings(List.of("http://eureka-1:8761/eureka/", "http://eureka-2:8761/eureka/"))))
			.isEmpty();
		assertThat(RegistrySettingsRules
			.validate(new NacosSettings("127.0.0.1:8848", "nacos", SECRET, "dev-ns", "DEFAULT_GROUP"))).isEmpty();
		assertThat(RegistrySettingsRules.validate(new NacosSettings("http://nacos:8848", "", "", "", ""))).isEmpty();
	}

	@Test
	void validate_kubernetesApiServerWithoutToken_namesTheTokenField() {
		assertThat(RegistrySettingsRules.validate(new KubernetesSettings("https://10.0.0.1:6443", "")))
			.extracting(FieldError::field)
			.containsExactly("kubernetes.token");
	}

	@Test
	void validate_kubernetesApiServerThatIsNotHttp_namesTheApiServerField() {
		assertThat(RegistrySettingsRules.validate(new KubernetesSettings("ftp://10.0.0.1", SECRET)))
			.containsExactly(new FieldError("kubernetes.api_server", "must be an http:// or https:// URL"));
	}

	@Test
	void validate_consulWithoutAddress_namesTheAddressField() {
		assertThat(RegistrySettingsRules.validate(new ConsulSettings("", "", "")))
			.containsExactly(new FieldError("consul.address", "is required"));
	}

	@Test
	void validate_consulBadDatacenter_namesTheDatacenterField() {
		assertThat(RegistrySettingsRules.validate(new ConsulSettings("http://consul:8500", "", "dc 1")))
			.extracting(FieldError::field)
			.containsExactly("consul.datacenter");
	}

	@Test
	void validate_eurekaWithoutUrls_namesTheListField() {
		assertThat(RegistrySettingsRules.validate(new EurekaSettings(List.of())))
			.containsExactly(new FieldError("eureka.service_urls", "at least one service URL is required"));
	}

	@Test
	void validate_eurekaBadSecondUrl_namesItsIndex() {
		assertThat(RegistrySettingsRules
			.validate(new EurekaSettings(List.of("http://eureka:8761/eureka/", "http://user:pw@eureka:8761/eureka/"))))
			.containsExactly(
					new FieldError("eureka.service_urls[1]", "must not have user info, a query or a fragment"));
	}

	@Test
	void validate_urlWithoutHost_saysSo() {
		assertThat(RegistrySettingsRules.validate(new EurekaSettings(List.of("http:///eureka/"))))
			.extracting(FieldError::field)
			.containsExactly("eureka.service_urls[0]");
	}

	@Test
	void validate_nacosAddressThatIsNeitherHostPortNorUrl_namesTheAddressField() {
		assertThat(RegistrySettingsRules.validate(new NacosSettings("nacos", "", "", "", "")))
			.containsExactly(new FieldError("nacos.address", "must be host:port or an http(s) URL"));
	}

	@Test
	void validate_nacosPasswordWithoutUser_namesTheUsernameField() {
		assertThat(RegistrySettingsRules.validate(new NacosSettings("127.0.0.1:8848", "", SECRET, "", "")))
			.containsExactly(new FieldError("nacos.username", "username and password go together"));
	}

	@Test
	void validate_nacosUserWithoutPassword_namesThePasswordField() {
		assertThat(RegistrySettingsRules.validate(new NacosSettings("127.0.0.1:8848", "nacos", "", "", "")))
			.containsExactly(new FieldError("nacos.password", "username and password go together"));
	}

	@Test
	void validate_nacosBadGroupAndNamespace_namesBothFields() {
		assertThat(RegistrySettingsRules.validate(new NacosSettings("127.0.0.1:8848", "", "", "ns/1", "g#1")))
			.extracting(FieldError::field)
			.containsExactly("nacos.namespace_id", "nacos.group");
	}

	@Test
	void validate_springExpressionInAField_isRejected() {
		assertThat(RegistrySettingsRules.validate(new ConsulSettings("http://consul:8500", "", "#{1+1}")))
			.containsExactly(new FieldError("consul.datacenter", "must not contain '#{'"));
	}

	@Test
	void validate_badSecrets_nameTheFieldButNeverRepeatTheSecret() {
		String tooLong = SECRET.repeat(2000);
		String withControl = SECRET + "\u0007";
		List<FieldError> errors = List
			.of(RegistrySettingsRules.validate(new KubernetesSettings("https://k8s:6443", tooLong)),
					RegistrySettingsRules.validate(new ConsulSettings("http://consul:8500", withControl, "")),
					RegistrySettingsRules.validate(new NacosSettings("nacos:8848", "nacos", withControl, "", "")))
			.stream()
			.flatMap(List::stream)
			.toList();
		assertThat(errors).extracting(FieldError::field)
			.containsExactly("kubernetes.token", "consul.token", "nacos.password");
		assertThat(errors).allSatisfy((error) -> assertThat(error.message()).doesNotContain(SECRET));
	}

	@Test
	void settings_toString_masksSecrets() {
		assertThat(List.of(new KubernetesSettings("https://k8s:6443", SECRET),
				new ConsulSettings("http://consul:8500", SECRET, "dc1"),
				new NacosSettings("nacos:8848", "nacos", SECRET, "", "")))
			.allSatisfy((settings) -> assertThat(settings.toString()).doesNotContain(SECRET).contains("******"));
		assertThat(new KubernetesSettings("", "").toString()).contains("token=<none>");
	}

}
