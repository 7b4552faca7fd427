package io.portico.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON the admin stores for a registry connection in two columns, {@code settings}
 * and {@code secrets}, so that secrets can be kept (and granted) apart and never
 * returned: snake_case, exactly the admin API's type block ({@code {"api_server": …}},
 * {@code {"token": …}}). The admin stores the secrets JSON encrypted
 * ({@link io.portico.secrets.SecretCipher}); {@link #read} takes it decrypted.
 */
public final class RegistryStoredFormat {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RegistryStoredFormat() {
	}

	/**
	 * The non-secret settings.
	 * @param settings the settings
	 * @return a JSON object
	 */
	public static String writeSettings(RegistrySettings settings) {
		Map<String, Object> out = new LinkedHashMap<>();
		if (settings instanceof KubernetesSettings kubernetes) {
			out.put("api_server", kubernetes.apiServer());
		}
		else if (settings instanceof ConsulSettings consul) {
			out.put("address", consul.address());
			out.put("datacenter", consul.datacenter());
		}
		else if (settings instanceof EurekaSettings eureka) {
			out.put("service_urls", eureka.serviceUrls());
		}
		else if (settings instanceof NacosSettings nacos) {
			out.put("address", nacos.address());
			out.put("username", nacos.username());
			out.put("namespace_id", nacos.namespaceId());
			out.put("group", nacos.group());
		}
		return JSON.writeValueAsString(out);
	}

	/**
	 * The secrets only.
	 * @param settings the settings
	 * @return a JSON object, {@code {}} when the type has no secret
	 */
	public static String writeSecrets(RegistrySettings settings) {
		return JSON.writeValueAsString(settings.secrets());
	}

	/**
	 * Reads stored settings back.
	 * @param type the registry type
	 * @param settingsJson the {@code settings} column
	 * @param secretsJson the {@code secrets} column
	 * @return the settings
	 * @throws IllegalArgumentException when the JSON is malformed (the message names the
	 * column, not secrets)
	 */
	public static RegistrySettings read(RegistryType type, String settingsJson, String secretsJson) {
		JsonNode settings = parse("settings", settingsJson);
		JsonNode secrets = parse("secrets", secretsJson);
		switch (type) {
			case KUBERNETES:
				return new KubernetesSettings(text(settings, "api_server"), text(secrets, "token"));
			case CONSUL:
				return new ConsulSettings(text(settings, "address"), text(secrets, "token"),
						text(settings, "datacenter"));
			case EUREKA:
				List<String> urls = new ArrayList<>();
				JsonNode array = settings.get("service_urls");
				if (array != null && array.isArray()) {
					array.forEach((url) -> urls.add(url.asString()));
				}
				return new EurekaSettings(urls);
			case NACOS:
				return new NacosSettings(text(settings, "address"), text(settings, "username"),
						text(secrets, "password"), text(settings, "namespace_id"), text(settings, "group"));
			default:
				throw new IllegalArgumentException("unknown registry type " + type);
		}
	}

	private static JsonNode parse(String column, String json) {
		try {
			JsonNode node = JSON.readTree((json != null) ? json : "{}");
			if (!(node instanceof ObjectNode)) {
				throw new IllegalArgumentException(column + ": must be a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			// The parser's message may quote the input, and secrets may be in it.
			throw new IllegalArgumentException(column + ": malformed JSON");
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? "" : value.asString();
	}

}
