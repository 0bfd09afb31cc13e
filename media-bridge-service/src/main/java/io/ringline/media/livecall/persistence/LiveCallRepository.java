package io.ringline.media.livecall.persistence;

import io.ringline.media.livecall.LiveCall;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Function;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code media.live_calls}: the EVO_GO calls connected right now. */
@Repository
public class LiveCallRepository {

    private static final String COLUMNS = "call_id, number_id, tenant_id, provider, external_call_id, peer_number, connected_at";

    private final DatabaseClient db;

    public LiveCallRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A call that is live already stays as it is. */
    public Mono<Void> insert(LiveCall call) {
        GenericExecuteSpec spec = db.sql("INSERT INTO live_calls (" + COLUMNS + ") VALUES (:callId, :numberId, :tenantId, "
                        + ":provider, :externalCallId, :peerNumber, :connectedAt) ON CONFLICT (call_id) DO NOTHING")
                .bind("callId", call.callId())
                .bind("numberId", call.numberId())
                .bind("tenantId", call.tenantId())
                .bind("provider", call.provider())
                .bind("peerNumber", call.peerNumber())
                .bind("connectedAt", call.connectedAt());
        spec = call.externalCallId() == null ? spec.bindNull("externalCallId", String.class)
                : spec.bind("externalCallId", call.externalCallId());
        return spec.fetch().rowsUpdated().then();
    }

    /** Calls that connected, in one statement; a call that is live already stays as it is. */
    public Mono<Void> insertAll(Collection<LiveCall> calls) {
        if (calls.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("INSERT INTO live_calls (" + COLUMNS + ") SELECT c.call_id, c.number_id, c.tenant_id, c.provider, "
                        + "c.external_call_id, c.peer_number, CAST(c.connected_at AS timestamptz) FROM unnest("
                        + "CAST(:callIds AS text[]), CAST(:numberIds AS text[]), CAST(:tenantIds AS text[]), "
                        + "CAST(:providers AS text[]), CAST(:externalIds AS text[]), CAST(:peers AS text[]), "
                        + "CAST(:connectedAt AS text[])) AS c(call_id, number_id, tenant_id, provider, external_call_id, "
                        + "peer_number, connected_at) ON CONFLICT (call_id) DO NOTHING")
                .bind("callIds", column(calls, LiveCall::callId))
                .bind("numberIds", column(calls, LiveCall::numberId))
                .bind("tenantIds", column(calls, LiveCall::tenantId))
                .bind("providers", column(calls, LiveCall::provider))
                .bind("externalIds", column(calls, LiveCall::externalCallId))
                .bind("peers", column(calls, LiveCall::peerNumber))
                .bind("connectedAt", column(calls, call -> call.connectedAt().toString()))
                .fetch().rowsUpdated().then();
    }

    /** Calls that ended, in one statement. */
    public Mono<Void> deleteAll(Collection<String> callIds) {
        if (callIds.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("DELETE FROM live_calls WHERE call_id = ANY(:ids)").bind("ids", callIds.toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    private static String[] column(Collection<LiveCall> calls, Function<LiveCall, String> field) {
        return calls.stream().map(field).toArray(String[]::new);
    }

    /** Emits whether the call was live. */
    public Mono<Boolean> delete(String callId) {
        return db.sql("DELETE FROM live_calls WHERE call_id = :callId").bind("callId", callId).fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** @param numberId only this number's calls, or every live call when null */
    public Flux<LiveCall> list(String numberId) {
        if (numberId == null) {
            return db.sql("SELECT " + COLUMNS + " FROM live_calls ORDER BY connected_at, call_id")
                    .map(LiveCallRepository::read).all();
        }
        return db.sql("SELECT " + COLUMNS + " FROM live_calls WHERE number_id = :numberId ORDER BY connected_at, call_id")
                .bind("numberId", numberId)
                .map(LiveCallRepository::read).all();
    }

    /** Live calls per provider. */
    public Mono<Map<String, Long>> countByProvider() {
        return db.sql("SELECT provider, count(*) AS n FROM live_calls GROUP BY provider")
                .map(row -> Map.entry(row.get("provider", String.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static LiveCall read(Readable row) {
        return new LiveCall(row.get("call_id", String.class), row.get("number_id", String.class),
                row.get("tenant_id", String.class), row.get("provider", String.class),
                row.get("external_call_id", String.class), row.get("peer_number", String.class),
                row.get("connected_at", Instant.class));
    }
}
