package io.portico.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayApplicationTests {

	private static final String PROPERTY = "reactor.netty.ioWorkerCount";

	private String saved;

	@BeforeEach
	void save() {
		this.saved = System.getProperty(PROPERTY);
		System.clearProperty(PROPERTY);
	}

	@AfterEach
	void restore() {
		if (this.saved != null) {
			System.setProperty(PROPERTY, this.saved);
		}
		else {
			System.clearProperty(PROPERTY);
		}
	}

	@Test
	void defaultIoWorkerCount_unset_isOneEventLoopPerCpu() {
		GatewayApplication.defaultIoWorkerCount(2);

		assertThat(System.getProperty(PROPERTY)).isEqualTo("2");
	}

	@Test
	void defaultIoWorkerCount_setByTheOperator_isKept() {
		System.setProperty(PROPERTY, "8");

		GatewayApplication.defaultIoWorkerCount(1);

		assertThat(System.getProperty(PROPERTY)).isEqualTo("8");
	}

}
