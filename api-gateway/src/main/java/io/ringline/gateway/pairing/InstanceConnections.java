package io.ringline.gateway.pairing;

import io.ringline.platform.vocabulary.GoConnectionState;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The last reported connection state of each EVO_GO number's instance (stored as GO spells it). Reports may
 * arrive out of order, so an older observation never overwrites a newer one.
 */
@Repository
public class InstanceConnections {

    private final DatabaseClient db;

    InstanceConnections(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> record(String numberId, GoConnectionState state, Instant observedAt) {
        return db.sql("""
                        INSERT INTO number_connections (number_id, state, observed_at) VALUES (:id, :state, :at)
                        ON CONFLICT (number_id) DO UPDATE SET state = EXCLUDED.state, observed_at = EXCLUDED.observed_at
                        WHERE number_connections.observed_at <= EXCLUDED.observed_at""")
                .bind("id", numberId)
                .bind("state", state.wire())
                .bind("at", observedAt)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Empty when nothing was reported for the number yet, or a state this version does not know was stored. */
    Mono<GoConnectionState> state(String numberId) {
        return db.sql("SELECT state FROM number_connections WHERE number_id = :id")
                .bind("id", numberId)
                .map(row -> row.get("state", String.class))
                .one()
                .flatMap(state -> Mono.justOrEmpty(GoConnectionState.fromWire(state)));
    }
}
