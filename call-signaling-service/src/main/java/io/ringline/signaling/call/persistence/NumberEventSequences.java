package io.ringline.signaling.call.persistence;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The per-number sequence of number-level events. {@link #next} must run in the transaction that writes the
 * event: the counter row stays locked until it commits (the next event of the number waits, so numbers follow commit
 * order) and a rollback takes the number back (no gap).
 */
@Repository
public class NumberEventSequences {

    private final DatabaseClient db;

    public NumberEventSequences(DatabaseClient db) {
        this.db = db;
    }

    /** The number's next sequence: 1 for its first event, then one more per event. */
    public Mono<Long> next(String numberId) {
        return db.sql("""
                        INSERT INTO number_event_sequences (number_id, last_sequence) VALUES (:n, 1)
                        ON CONFLICT (number_id) DO UPDATE SET last_sequence = number_event_sequences.last_sequence + 1
                        RETURNING last_sequence""")
                .bind("n", numberId)
                .map(row -> row.get("last_sequence", Long.class))
                .one();
    }
}
