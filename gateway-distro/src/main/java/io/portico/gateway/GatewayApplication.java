package io.portico.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Starts a Portico gateway instance that serves what is published to its gateway group.
 *
 * <p>
 * Example: <pre>
 * java -jar gateway-distro-exec.jar --spring.profiles.active=postgres --portico.gateway.group=test
 * </pre>
 */
@SpringBootApplication
@EnableConfigurationProperties(PorticoGatewayProperties.class)
public class GatewayApplication {

	/**
	 * Runs the gateway.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(GatewayApplication.class, args);
	}

}
