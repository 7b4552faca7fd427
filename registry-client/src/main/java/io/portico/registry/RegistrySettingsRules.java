package io.portico.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.portico.compiler.FieldError;

/**
 * The rules a registry connection's settings must follow, applied by the admin on write
 * and by the gateway on read. Fields are named as in the admin API:
 * {@code kubernetes.api_server}, {@code eureka.service_urls[0]}.
 */
public final class RegistrySettingsRules {

	private static final int MAX_TEXT = 2000;

	private static final int MAX_SECRET = 16384;

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

	private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}");

	private RegistrySettingsRules() {
	}

	/**
	 * Checks settings.
	 * @param settings the settings of one connection
	 * @return the problems; empty when valid
	 */
	public static List<FieldError> validate(RegistrySettings settings) {
		List<FieldError> errors = new ArrayList<>();
		if (settings instanceof KubernetesSettings kubernetes) {
			if (!kubernetes.apiServer().isEmpty()) {
				url(errors, "kubernetes.api_server", kubernetes.apiServer());
				if (kubernetes.token().isEmpty()) {
					errors.add(new FieldError("kubernetes.token",
							"is required with an api_server (leave api_server empty for the in-cluster account)"));
				}
			}
			secret(errors, "kubernetes.token", kubernetes.token());
		}
		else if (settings instanceof ConsulSettings consul) {
			required(errors, "consul.address", consul.address());
			if (!consul.address().isEmpty()) {
				url(errors, "consul.address", consul.address());
			}
			optionalName(errors, "consul.datacenter", consul.datacenter());
			secret(errors, "consul.token", consul.token());
		}
		else if (settings instanceof EurekaSettings eureka) {
			if (eureka.serviceUrls().isEmpty()) {
				errors.add(new FieldError("eureka.service_urls", "at least one service URL is required"));
			}
			for (int i = 0; i < eureka.serviceUrls().size(); i++) {
				url(errors, "eureka.service_urls[" + i + "]", eureka.serviceUrls().get(i));
			}
		}
		else if (settings instanceof NacosSettings nacos) {
			required(errors, "nacos.address", nacos.address());
			if (!nacos.address().isEmpty()) {
				String address = nacos.address();
				if (address.contains("://")) {
					url(errors, "nacos.address", address);
				}
				else if (!HOST_PORT.matcher(address).matches()) {
					errors.add(new FieldError("nacos.address", "must be host:port or an http(s) URL"));
				}
			}
			text(errors, "nacos.username", nacos.username());
			secret(errors, "nacos.password", nacos.password());
			if (nacos.username().isEmpty() != nacos.password().isEmpty()) {
				errors.add(new FieldError(nacos.username().isEmpty() ? "nacos.username" : "nacos.password",
						"username and password go together"));
			}
			optionalName(errors, "nacos.namespace_id", nacos.namespaceId());
			optionalName(errors, "nacos.group", nacos.group());
		}
		return List.copyOf(errors);
	}

	private static void required(List<FieldError> errors, String field, String value) {
		if (value.isBlank()) {
			errors.add(new FieldError(field, "is required"));
		}
	}

	private static void url(List<FieldError> errors, String field, String value) {
		if (!text(errors, field, value)) {
			return;
		}
		try {
			URI uri = new URI(value);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!scheme.equals("http") && !scheme.equals("https")) {
				errors.add(new FieldError(field, "must be an http:// or https:// URL"));
			}
			else if (uri.getHost() == null || uri.getHost().isEmpty()) {
				errors.add(new FieldError(field, "must name a host"));
			}
			else if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
				errors.add(new FieldError(field, "must not have user info, a query or a fragment"));
			}
		}
		catch (URISyntaxException ex) {
			errors.add(new FieldError(field, "is not a valid URL: " + ex.getReason()));
		}
	}

	private static void optionalName(List<FieldError> errors, String field, String value) {
		if (!value.isEmpty() && text(errors, field, value) && !NAME.matcher(value).matches()) {
			errors.add(new FieldError(field, "must be letters, digits, '_', '.', ':' or '-' (at most 128)"));
		}
	}

	private static boolean text(List<FieldError> errors, String field, String value) {
		if (value.contains("#{")) {
			errors.add(new FieldError(field, "must not contain '#{'"));
			return false;
		}
		if (value.length() > MAX_TEXT) {
			errors.add(new FieldError(field, "must be at most " + MAX_TEXT + " characters"));
			return false;
		}
		if (value.chars().anyMatch((c) -> Character.isWhitespace(c) || Character.isISOControl(c))) {
			errors.add(new FieldError(field, "must not contain spaces or control characters"));
			return false;
		}
		return true;
	}

	private static void secret(List<FieldError> errors, String field, String value) {
		// Never echo a secret back: messages name the field only.
		if (value.length() > MAX_SECRET) {
			errors.add(new FieldError(field, "must be at most " + MAX_SECRET + " characters"));
		}
		else if (value.chars().anyMatch(Character::isISOControl)) {
			errors.add(new FieldError(field, "must not contain control characters"));
		}
	}

}
