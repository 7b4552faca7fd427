package io.portico.gateway.sync;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * Runs a task serially and coalesces requests: however many {@link #request()} calls
 * arrive, at most one run is in flight and at most one more is queued behind it (it
 * serves every request made during the run).
 *
 * <p>
 * Never blocks the caller; the task's errors are logged and do not stop later runs.
 * Example: <pre>
 * CoalescingTrigger reloads = new CoalescingTrigger("reload", this::reloadOnce);
 * reloads.request(); // from a notification, a poll tick, ...
 * </pre>
 */
public final class CoalescingTrigger {

	private static final Log logger = LogFactory.getLog(CoalescingTrigger.class);

	private final String name;

	private final Supplier<Mono<?>> task;

	// Requests not yet served: 0 means idle.
	private final AtomicInteger pending = new AtomicInteger();

	public CoalescingTrigger(String name, Supplier<Mono<?>> task) {
		this.name = name;
		this.task = task;
	}

	/**
	 * Asks for a run: starts one now when idle, else makes sure one follows the run in
	 * flight.
	 */
	public void request() {
		if (this.pending.getAndIncrement() == 0) {
			run();
		}
	}

	private void run() {
		// Every request counted so far is served by this run, which starts after them.
		int served = this.pending.get();
		Mono<?> execution;
		try {
			execution = this.task.get();
		}
		catch (RuntimeException ex) {
			execution = Mono.error(ex);
		}
		execution.subscribe(null, (ex) -> {
			logger.warn("Portico " + this.name + " failed: " + ex.getMessage(), ex);
			finished(served);
		}, () -> finished(served));
	}

	private void finished(int served) {
		if (this.pending.addAndGet(-served) != 0) {
			run();
		}
	}

}
