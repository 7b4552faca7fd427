package io.portico.registry;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link RegistryStoredFormat}: settings survive the two columns, and secrets are only
 * ever in the secrets column.
 */
class RegistryStoredFormatTests {

	private static final String SECRET = "stored-s3cr3t-value";

	private static final List<RegistrySettings> EVERY_TYPE = List.of(
			new KubernetesSettings("https://10.0.0.1:6443", SECRET),
			new ConsulSettings("http://127.0.0.1:8500", SECRET, "dc1"),
			new EurekaSettings(List.of("http://eureka-1:8761/eureka/", "http://eureka-2:8761/eureka/")),
			new NacosSettings("127.0.0.1:8848", "nacos", SECRET, "dev", "SHOP"));

	@Test
	void writeThenRead_roundTripsEveryType() {
		for (RegistrySettings settings : EVERY_TYPE) {
			RegistrySettings read = RegistryStoredFormat.read(settings.type(),
					RegistryStoredFormat.writeSettings(settings), RegistryStoredFormat.writeSecrets(settings));
			assertThat(read).isEqualTo(settings);
		}
	}

	@Test
	void writeSettings_neverContainsTheSecret() {
		assertThat(EVERY_TYPE)
			.allSatisfy((settings) -> assertThat(RegistryStoredFormat.writeSettings(settings)).doesNotContain(SECRET));
	}

	@Test
	void writeSecrets_holdsOnlyTheSecret() {
		assertThat(RegistryStoredFormat.writeSecrets(EVERY_TYPE.get(0))).isEqualTo("{\"token\":\"" + SECRET + "\"}");
		assertThat(RegistryStoredFormat.writeSecrets(EVERY_TYPE.get(1))).isEqualTo("{\"token\":\"" + SECRET + "\"}");
		assertThat(RegistryStoredFormat.writeSecrets(EVERY_TYPE.get(2))).isEqualTo("{}");
		assertThat(RegistryStoredFormat.writeSecrets(EVERY_TYPE.get(3))).isEqualTo("{\"password\":\"" + SECRET + "\"}");
	}

	@Test
	void writeSettings_usesTheAdminApiFieldNames() {
		assertThat(RegistryStoredFormat.writeSettings(EVERY_TYPE.get(0)))
			.isEqualTo("{\"api_server\":\"https://10.0.0.1:6443\"}");
		assertThat(RegistryStoredFormat.writeSettings(EVERY_TYPE.get(1)))
			.isEqualTo("{\"address\":\"http://127.0.0.1:8500\",\"datacenter\":\"dc1\"}");
		assertThat(RegistryStoredFormat.writeSettings(EVERY_TYPE.get(2)))
			.isEqualTo("{\"service_urls\":[\"http://eureka-1:8761/eureka/\",\"http://eureka-2:8761/eureka/\"]}");
		assertThat(RegistryStoredFormat.writeSettings(EVERY_TYPE.get(3))).isEqualTo(
				"{\"address\":\"127.0.0.1:8848\",\"username\":\"nacos\",\"namespace_id\":\"dev\",\"group\":\"SHOP\"}");
	}

	@Test
	void read_missingOrNullColumnsAndFields_giveEmptyValues() {
		assertThat(RegistryStoredFormat.read(RegistryType.KUBERNETES, null, null))
			.isEqualTo(new KubernetesSettings("", ""));
		assertThat(RegistryStoredFormat.read(RegistryType.CONSUL, "{\"address\":null}", "{}"))
			.isEqualTo(new ConsulSettings("", "", ""));
		assertThat(RegistryStoredFormat.read(RegistryType.EUREKA, "{}", "{}")).isEqualTo(new EurekaSettings(List.of()));
	}

	@Test
	void read_malformedSecrets_namesTheColumnButNotItsContent() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RegistryStoredFormat.read(RegistryType.CONSUL, "{}", "{\"token\":\"" + SECRET))
			.withMessage("secrets: malformed JSON");
	}

	@Test
	void read_secretsThatAreNotAnObject_areRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RegistryStoredFormat.read(RegistryType.NACOS, "{}", "[\"" + SECRET + "\"]"))
			.withMessage("secrets: must be a JSON object");
	}

}
