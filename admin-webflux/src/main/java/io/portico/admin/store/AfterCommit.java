package io.portico.admin.store;

import reactor.core.publisher.Mono;

import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

/**
 * Runs work once the current reactive transaction has committed (at once when there is
 * none): a background task that reads what the transaction wrote must not start before.
 */
public final class AfterCommit {

	private AfterCommit() {
	}

	/**
	 * Runs a task after the commit of the current transaction.
	 * @param task the task
	 * @return completion of the registration (or of the task, without a transaction)
	 */
	public static Mono<Void> run(Runnable task) {
		return TransactionSynchronizationManager.forCurrentTransaction()
			.filter(TransactionSynchronizationManager::isSynchronizationActive)
			.flatMap((manager) -> {
				manager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public Mono<Void> afterCommit() {
						return Mono.fromRunnable(task);
					}
				});
				return Mono.just(true);
			})
			.onErrorResume(NoTransactionException.class, (ex) -> Mono.empty())
			.switchIfEmpty(Mono.fromRunnable(task).thenReturn(true))
			.then();
	}

}
