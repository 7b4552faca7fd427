package io.portico.bench.plainscg;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Plain Spring Cloud Gateway with its routes from static YAML: the baseline Portico is
 * measured against.
 */
@SpringBootApplication
public class PlainGatewayApplication {

	/**
	 * Starts the gateway.
	 * @param args Spring Boot arguments (such as
	 * {@code --bench.upstream=http://127.0.0.1:18081})
	 */
	public static void main(String[] args) {
		SpringApplication.run(PlainGatewayApplication.class, args);
	}

}
