package io.portico.admin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the Portico admin (control plane) on port 9180.
 *
 * <p>
 * Example: {@code java -jar admin-webflux-exec.jar} (embedded H2) or
 * {@code java -jar admin-webflux-exec.jar --spring.profiles.active=postgres}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AdminApplication {

	/**
	 * Runs the admin.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(AdminApplication.class, args);
	}

}
