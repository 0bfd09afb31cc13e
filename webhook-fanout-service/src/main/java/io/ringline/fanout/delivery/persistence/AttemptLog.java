package io.ringline.fanout.delivery.persistence;

import io.ringline.fanout.delivery.AttemptResult;
import io.ringline.fanout.delivery.AttemptVerdict;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Every attempt, successful or not, in {@code fanout.delivery_attempts}: the delivery log tenants and operators read. */
@Repository
public class AttemptLog {

    private final DatabaseClient db;

    public AttemptLog(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> append(String deliveryId, int attempt, AttemptResult result) {
        boolean success = result.verdict() == AttemptVerdict.SUCCESS;
        GenericExecuteSpec spec = db.sql("INSERT INTO delivery_attempts (delivery_id, attempt, attempted_at, status, "
                        + "status_code, duration_ms, response_excerpt, error) VALUES (:deliveryId, :attempt, :attemptedAt, "
                        + ":status, :statusCode, :durationMs, :excerpt, :error)")
                .bind("deliveryId", deliveryId)
                .bind("attempt", attempt)
                .bind("attemptedAt", result.attemptedAt())
                .bind("status", success ? "SUCCESS" : "FAILED")
                .bind("durationMs", (int) Math.min(Integer.MAX_VALUE, result.duration().toMillis()));
        spec = result.statusCode() == null ? spec.bindNull("statusCode", Integer.class)
                : spec.bind("statusCode", result.statusCode());
        spec = result.responseExcerpt() == null ? spec.bindNull("excerpt", String.class)
                : spec.bind("excerpt", result.responseExcerpt());
        spec = result.error() == null ? spec.bindNull("error", String.class) : spec.bind("error", result.error());
        return spec.fetch().rowsUpdated().then();
    }
}
