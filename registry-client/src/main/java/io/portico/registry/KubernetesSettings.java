package io.portico.registry;

/**
 * How to reach a Kubernetes API server.
 *
 * @param apiServer the API server URL ({@code https://10.0.0.1:6443}); empty means the
 * gateway pod's in-cluster service account
 * @param token a bearer token (secret); empty with an in-cluster account
 */
public record KubernetesSettings(String apiServer, @Secret String token) implements RegistrySettings {

	public KubernetesSettings {
		apiServer = (apiServer != null) ? apiServer : "";
		token = (token != null) ? token : "";
	}

	@Override
	public String toString() {
		return SecretScrubber.describe(this);
	}

}
