package io.portico.gateway.load;

/**
 * Why one published service is not served, as reported in the instance's
 * {@code config_errors}.
 *
 * @param serviceId the service id, or {@code null} for a problem of the whole group
 * @param version the published version, or {@code null}
 * @param message what is wrong, for a person
 */
public record ConfigError(String serviceId, String version, String message) {

}
