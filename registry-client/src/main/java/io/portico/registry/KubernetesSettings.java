package io.portico.registry;

import java.util.Map;

/**
 * How to reach a Kubernetes API server.
 *
 * @param apiServer the API server URL ({@code https://10.0.0.1:6443}); empty means the
 * gateway pod's in-cluster service account
 * @param token a bearer token (secret); empty with an in-cluster account
 */
public record KubernetesSettings(String apiServer, String token) implements RegistrySettings {

	public KubernetesSettings {
		apiServer = (apiServer != null) ? apiServer : "";
		token = (token != null) ? token : "";
	}

	@Override
	public RegistryType type() {
		return RegistryType.KUBERNETES;
	}

	@Override
	public Map<String, String> secrets() {
		return Map.of("token", this.token);
	}

	@Override
	public String toString() {
		return "KubernetesSettings[apiServer=" + this.apiServer + ", token=" + SecretScrubber.mask(this.token) + "]";
	}

}
