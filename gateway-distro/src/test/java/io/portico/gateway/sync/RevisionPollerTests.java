package io.portico.gateway.sync;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

class RevisionPollerTests {

	@Test
	void start_requestsTheInitialReloadAtOnce() {
		ConfigReloader reloader = mock(ConfigReloader.class);
		RevisionPoller poller = new RevisionPoller(reloader, Duration.ofHours(1));
		poller.start();
		try {
			verify(reloader, timeout(2000)).requestReload();
		}
		finally {
			poller.stop();
		}
	}

	@Test
	void start_requestsAReloadEveryInterval() {
		ConfigReloader reloader = mock(ConfigReloader.class);
		RevisionPoller poller = new RevisionPoller(reloader, Duration.ofMillis(50));
		poller.start();
		try {
			verify(reloader, timeout(2000).atLeast(4)).requestReload();
		}
		finally {
			poller.stop();
		}
	}

}
