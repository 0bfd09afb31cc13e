package io.ringline.platform.persistence;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Idempotent-consumer bookkeeping. Call {@link #firstDelivery} inside the transaction that applies
 * the message's effect: the insert and the effect commit or roll back together. The ids are pruned by the
 * retention job ({@code ringline.processed-messages.retention}).
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
}
