package io.ringline.platform.persistence;

import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Idempotent-consumer bookkeeping. Call {@link #firstDelivery} inside the transaction that applies
 * the message's effect: the insert and the effect commit or roll back together.
 */
public class ProcessedMessages {

    private final DatabaseClient db;

    public ProcessedMessages(DatabaseClient db) {
        this.db = db;
    }

    /** Records the message; emits true the first time, false for a redelivery. */
    public Mono<Boolean> firstDelivery(String consumer, String messageId) {
        return db.sql("INSERT INTO processed_messages (consumer, message_id) VALUES (:c, :m) ON CONFLICT DO NOTHING")
                .bind("c", consumer)
                .bind("m", messageId)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** Forgets ids older than {@code retention}; redeliveries come within minutes, not weeks. */
    public Mono<Long> prune(Duration retention) {
        return db.sql("DELETE FROM processed_messages WHERE processed_at < now() - make_interval(secs => :s)")
                .bind("s", (double) retention.toSeconds())
                .fetch()
                .rowsUpdated();
    }
}
