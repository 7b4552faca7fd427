package io.portico.gateway.sync;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

class PostgresNotificationListenerTests {

	private static final PostgresqlConnectionFactory POSTGRES = new PostgresqlConnectionFactory(
			PostgresqlConnectionConfiguration.builder().host("127.0.0.1").username("postgres").build());

	@Test
	void postgres_behindAPool_isFound() {
		ConnectionFactory pool = mock(ConnectionFactory.class, withSettings().extraInterfaces(Wrapped.class));
		given(((Wrapped<?>) pool).unwrap()).willAnswer((invocation) -> POSTGRES);
		assertThat(PostgresNotificationListener.postgres(pool)).isSameAs(POSTGRES);
	}

	@Test
	void postgres_otherDatabase_isNullSoNothingListens() {
		ConnectionFactory other = mock(ConnectionFactory.class);
		assertThat(PostgresNotificationListener.postgres(other)).isNull();
		ConfigReloader reloader = mock(ConfigReloader.class);
		PostgresNotificationListener listener = new PostgresNotificationListener(other, "portico_config", "default",
				reloader);
		listener.start();
		assertThat(listener.isRunning()).isFalse();
	}

}
