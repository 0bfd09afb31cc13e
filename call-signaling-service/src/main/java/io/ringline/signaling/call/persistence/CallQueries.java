package io.ringline.signaling.call.persistence;

import io.ringline.platform.ids.Ids;
import io.ringline.signaling.call.CallSnapshot;
import io.ringline.signaling.call.CallStatus;
import io.ringline.signaling.call.Direction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The read side of calls for the internal query API. */
@Repository
public class CallQueries {

    /** Filters of a list request; null fields do not filter. */
    public record Filter(Instant before, CallStatus status, Direction direction) {
    }

    private final DatabaseClient db;

    public CallQueries(DatabaseClient db) {
        this.db = db;
    }

    /** A call of this number, named by Ringline's id or by the provider's. */
    public Mono<CallSnapshot> find(String numberId, String callId) {
        String column = Ids.isId("call", callId) ? "id" : "external_call_id";
        return db.sql("SELECT " + CallRows.COLUMNS + " FROM calls WHERE number_id = :n AND " + column + " = :c")
                .bind("n", numberId)
                .bind("c", callId)
                .map(CallRows::toSnapshot)
                .one();
    }

    /**
     * Newest first (ties on createdAt by id), at most {@code limit} calls created strictly before
     * {@code filter.before}. The next page is asked for with {@code before} = the last call's createdAt,
     * so a page never ends inside a group of calls sharing one createdAt: such a group is left whole
     * for the next page, or, if it alone fills the page, returned whole.
     */
    public Mono<List<CallSnapshot>> page(String numberId, Filter filter, int limit) {
        return select(numberId, filter, null, limit + 1).flatMap(rows -> {
            if (rows.size() <= limit) {
                return Mono.just(rows);
            }
            Instant boundary = rows.get(limit - 1).createdAt();
            if (!rows.get(limit).createdAt().equals(boundary)) {
                return Mono.just(rows.subList(0, limit));
            }
            List<CallSnapshot> page = new ArrayList<>(rows.subList(0, limit));
            page.removeIf(call -> call.createdAt().equals(boundary));
            if (!page.isEmpty()) {
                return Mono.just(page);
            }
            return select(numberId, filter, boundary, Integer.MAX_VALUE);
        });
    }

    private Mono<List<CallSnapshot>> select(String numberId, Filter filter, Instant createdAt, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + CallRows.COLUMNS + " FROM calls WHERE number_id = :n");
        if (filter.before() != null) {
            sql.append(" AND created_at < :before");
        }
        if (createdAt != null) {
            sql.append(" AND created_at = :at");
        }
        if (filter.status() != null) {
            sql.append(" AND status = :status");
        }
        if (filter.direction() != null) {
            sql.append(" AND direction = :direction");
        }
        sql.append(" ORDER BY created_at DESC, id DESC");
        if (limit != Integer.MAX_VALUE) {
            sql.append(" LIMIT :limit");
        }
        var spec = db.sql(sql.toString()).bind("n", numberId);
        if (filter.before() != null) {
            spec = spec.bind("before", filter.before());
        }
        if (createdAt != null) {
            spec = spec.bind("at", createdAt);
        }
        if (filter.status() != null) {
            spec = spec.bind("status", filter.status().name());
        }
        if (filter.direction() != null) {
            spec = spec.bind("direction", filter.direction().name());
        }
        if (limit != Integer.MAX_VALUE) {
            spec = spec.bind("limit", limit);
        }
        return spec.map(CallRows::toSnapshot).all().collectList();
    }
}
