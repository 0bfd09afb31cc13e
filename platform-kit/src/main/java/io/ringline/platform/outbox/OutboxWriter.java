package io.ringline.platform.outbox;

import io.ringline.schemas.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Appends a record to the outbox. Must run inside the transaction of the state change it reports:
 * both commit or neither does, so there is never an event without its change or a change without its
 * event.
 */
public class OutboxWriter {

    private final DatabaseClient db;
    private final RecordEncoder encoder;
    private final OutboxRelay relay;

    public OutboxWriter(DatabaseClient db, RecordEncoder encoder, OutboxRelay relay) {
        this.db = db;
        this.encoder = encoder;
        this.relay = relay;
    }

    public <V extends SpecificRecord> Mono<Void> append(Topic<V> topic, String key, V value) {
        return db.sql("INSERT INTO outbox (topic, msg_key, payload) VALUES (:t, :k, :p)")
                .bind("t", topic.name())
                .bind("k", key)
                .bind("p", encoder.encode(topic.name(), value))
                .fetch()
                .rowsUpdated()
                .then(wakeRelayAfterCommit());
    }

    /** The relay would find the row on its next poll anyway; waking it after commit saves that wait. */
    private Mono<Void> wakeRelayAfterCommit() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(tx -> tx.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(relay::wakeUp);
                    }
                }))
                .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(relay::wakeUp).then(Mono.empty()))
                .then();
    }
}
