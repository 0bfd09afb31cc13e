package io.ringline.gateway.ratelimit;

import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** {@code gateway.tenant_rate_limits}: the operator's settings per tenant; a NULL column means the default. */
@Repository
class TenantRateLimitRepository {

    /** A tenant's own settings (null: the configured default). */
    record Settings(Double tenantPerSecond, Integer tenantBurst, Double keyPerSecond, Integer keyBurst) {

        static final Settings NONE = new Settings(null, null, null, null);

        RateLimits over(RateLimits defaults) {
            return new RateLimits(
                    tenantPerSecond != null ? tenantPerSecond : defaults.tenantPerSecond(),
                    tenantBurst != null ? tenantBurst : defaults.tenantBurst(),
                    keyPerSecond != null ? keyPerSecond : defaults.keyPerSecond(),
                    keyBurst != null ? keyBurst : defaults.keyBurst());
        }
    }

    // One statement, so two operators changing different fields at once both keep their change.
    private static final String APPLY = "INSERT INTO tenant_rate_limits AS l (tenant_id, tenant_per_second, "
            + "tenant_burst, key_per_second, key_burst, updated_at) VALUES (:tenant, :tps, :tb, :kps, :kb, :now) "
            + "ON CONFLICT (tenant_id) DO UPDATE SET "
            + "tenant_per_second = CASE WHEN :tpsSet THEN EXCLUDED.tenant_per_second ELSE l.tenant_per_second END, "
            + "tenant_burst = CASE WHEN :tbSet THEN EXCLUDED.tenant_burst ELSE l.tenant_burst END, "
            + "key_per_second = CASE WHEN :kpsSet THEN EXCLUDED.key_per_second ELSE l.key_per_second END, "
            + "key_burst = CASE WHEN :kbSet THEN EXCLUDED.key_burst ELSE l.key_burst END, "
            + "updated_at = EXCLUDED.updated_at";

    private final DatabaseClient db;

    TenantRateLimitRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The tenant's settings; {@link Settings#NONE} when the operator never set any. */
    Mono<Settings> find(String tenantId) {
        return db.sql("SELECT tenant_per_second, tenant_burst, key_per_second, key_burst FROM tenant_rate_limits "
                        + "WHERE tenant_id = :tenant")
                .bind("tenant", tenantId)
                .map(row -> new Settings(row.get("tenant_per_second", Double.class),
                        row.get("tenant_burst", Integer.class), row.get("key_per_second", Double.class),
                        row.get("key_burst", Integer.class)))
                .one()
                .defaultIfEmpty(Settings.NONE);
    }

    Mono<Void> apply(String tenantId, RateLimitChange change, Instant now) {
        var spec = db.sql(APPLY).bind("tenant", tenantId).bind("now", now)
                .bind("tpsSet", change.tenantPerSecond().changed())
                .bind("tbSet", change.tenantBurst().changed())
                .bind("kpsSet", change.keyPerSecond().changed())
                .bind("kbSet", change.keyBurst().changed());
        spec = bind(spec, "tps", change.tenantPerSecond().value(), Double.class);
        spec = bind(spec, "tb", change.tenantBurst().value(), Integer.class);
        spec = bind(spec, "kps", change.keyPerSecond().value(), Double.class);
        spec = bind(spec, "kb", change.keyBurst().value(), Integer.class);
        return spec.fetch().rowsUpdated().then();
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, String name,
            Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
