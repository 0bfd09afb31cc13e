package io.ringline.signaling.number;

import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Whether each EVO_GO number's instance was last reported connected ({@code open}) or not. Signals
 * may arrive out of order, so an older observation never overwrites a newer one.
 */
@Repository
public class NumberConnections {

    private final DatabaseClient db;

    public NumberConnections(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> record(String numberId, String state, Instant observedAt) {
        return db.sql("""
                        INSERT INTO number_connection (number_id, state, observed_at) VALUES (:id, :state, :at)
                        ON CONFLICT (number_id) DO UPDATE SET state = EXCLUDED.state, observed_at = EXCLUDED.observed_at
                        WHERE number_connection.observed_at <= EXCLUDED.observed_at""")
                .bind("id", numberId)
                .bind("state", state)
                .bind("at", observedAt)
                .fetch()
                .rowsUpdated()
                .then();
    }
}
