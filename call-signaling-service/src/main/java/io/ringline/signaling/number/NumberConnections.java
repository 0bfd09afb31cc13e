package io.ringline.signaling.number;

import io.ringline.platform.vocabulary.GoConnectionState;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Whether each EVO_GO number's instance was last reported connected or not. Signals
 * may arrive out of order, so an older observation never overwrites a newer one.
 */
@Repository
public class NumberConnections {

    /** The last known state of a number's instance. */
    public record Connection(GoConnectionState state, Instant observedAt) {

        public boolean isClosed() {
            return state == GoConnectionState.CLOSE;
        }
    }

    private final DatabaseClient db;

    public NumberConnections(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> record(String numberId, GoConnectionState state, Instant observedAt) {
        return db.sql("""
                        INSERT INTO number_connection (number_id, state, observed_at) VALUES (:id, :state, :at)
                        ON CONFLICT (number_id) DO UPDATE SET state = EXCLUDED.state, observed_at = EXCLUDED.observed_at
                        WHERE number_connection.observed_at <= EXCLUDED.observed_at""")
                .bind("id", numberId)
                .bind("state", state.wire())
                .bind("at", observedAt)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /**
     * Empty when nothing was ever reported or asked for the number, or when the stored state is not one this version
     * knows (written by an older one that stored GO's text as it came): then GO is asked again.
     */
    public Mono<Connection> find(String numberId) {
        return db.sql("SELECT state, observed_at FROM number_connection WHERE number_id = :id")
                .bind("id", numberId)
                .map(row -> GoConnectionState.fromWire(row.get("state", String.class))
                        .map(state -> new Connection(state, row.get("observed_at", Instant.class))))
                .one()
                .flatMap(Mono::justOrEmpty);
    }
}
