package io.ringline.platform.persistence;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Runs a unit of work in one database transaction, retrying the <em>whole</em> transaction when it lost
 * a race — an optimistic lock, a racing insert of the same key, a deadlock or serialization failure —
 * so the work re-reads fresh state.
 */
public class Transactions {

    private final TransactionalOperator operator;

    public Transactions(TransactionalOperator operator) {
        this.operator = operator;
    }

    public <T> Mono<T> inTransaction(Supplier<Mono<T>> work) {
        return Mono.defer(() -> operator.transactional(Mono.defer(work)))
                .retryWhen(Retry.backoff(8, Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(200))
                        .filter(e -> e instanceof OptimisticLockingFailureException
                                || e instanceof DuplicateKeyException
                                || e instanceof PessimisticLockingFailureException)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }
}
