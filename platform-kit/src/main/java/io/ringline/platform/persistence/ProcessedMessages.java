package io.ringline.platform.persistence;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
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

    /**
     * Records many messages in one statement (a consumer that applies a whole poll in one transaction); emits the ids
     * seen for the first time. An id listed twice is one message: it is in the result (once) only if it was new.
     */
    public Mono<Set<String>> firstDeliveries(String consumer, Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Mono.just(Set.of());
        }
        // In key order: two consumers handed overlapping polls (a rebalance) then wait for each other on the first
        // shared id instead of each holding an id the other needs (a deadlock).
        return db.sql("INSERT INTO processed_messages (consumer, message_id) SELECT :c, m.id "
                        + "FROM unnest(CAST(:m AS text[])) AS m(id) ORDER BY m.id ON CONFLICT DO NOTHING "
                        + "RETURNING message_id")
                .bind("c", consumer)
                .bind("m", messageIds.toArray(String[]::new))
                .map(row -> row.get("message_id", String.class))
                .all()
                .collect(Collectors.toUnmodifiableSet());
    }
}
