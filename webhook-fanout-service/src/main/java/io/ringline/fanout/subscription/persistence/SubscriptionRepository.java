package io.ringline.fanout.subscription.persistence;

import io.ringline.fanout.subscription.AttemptStreak;
import io.ringline.fanout.subscription.DisableReason;
import io.ringline.fanout.subscription.EventSelection;
import io.ringline.fanout.subscription.SigningSecrets;
import io.ringline.fanout.subscription.Subscription;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stores subscriptions in {@code fanout.subscription}; updates are guarded by the version column. */
@Repository
public class SubscriptionRepository {

    /** The columns {@link #read} maps; public for a statement elsewhere that returns subscriptions (a poll's intake). */
    public static final String COLUMNS = "id, tenant_id, name, url, events, number_ids, active, secret_encrypted, "
            + "disabled_reason, created_at, updated_at, last_triggered, failing_since, version";

    private final DatabaseClient db;

    public SubscriptionRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(Subscription subscription) {
        Subscription.Snapshot s = subscription.snapshot();
        GenericExecuteSpec spec = db.sql("INSERT INTO subscription (" + COLUMNS + ") VALUES (:id, :tenantId, :name, :url, "
                        + ":events, :numberIds, :active, :secret, :disabledReason, :createdAt, :updatedAt, :lastTriggered, "
                        + ":failingSince, :version)")
                .bind("id", s.id())
                .bind("tenantId", s.tenantId())
                .bind("secret", s.encryptedSecret())
                .bind("createdAt", s.createdAt())
                .bind("version", s.version());
        spec = bindMutable(spec, s);
        spec = bindNullable(spec, "lastTriggered", s.lastTriggered(), Instant.class);
        return spec.fetch().rowsUpdated().then();
    }

    public Mono<Subscription> find(String tenantId, String id) {
        return db.sql("SELECT " + COLUMNS + " FROM subscription WHERE tenant_id = :tenantId AND id = :id")
                .bind("tenantId", tenantId)
                .bind("id", id)
                .map(SubscriptionRepository::read)
                .one();
    }

    public Mono<Subscription> findById(String id) {
        return db.sql("SELECT " + COLUMNS + " FROM subscription WHERE id = :id")
                .bind("id", id)
                .map(SubscriptionRepository::read)
                .one();
    }

    public Flux<Subscription> list(String tenantId) {
        return db.sql("SELECT " + COLUMNS + " FROM subscription WHERE tenant_id = :tenantId ORDER BY created_at, id")
                .bind("tenantId", tenantId)
                .map(SubscriptionRepository::read)
                .all();
    }

    /** @throws OptimisticLockingFailureException when someone else changed (or deleted) it since it was read */
    public Mono<Void> update(Subscription subscription) {
        Subscription.Snapshot s = subscription.snapshot();
        GenericExecuteSpec spec = db.sql("UPDATE subscription SET name = :name, url = :url, events = :events, "
                        + "number_ids = :numberIds, active = :active, disabled_reason = :disabledReason, "
                        + "updated_at = :updatedAt, failing_since = :failingSince, version = version + 1 "
                        + "WHERE id = :id AND version = :version")
                .bind("id", s.id())
                .bind("version", s.version());
        return bindMutable(spec, s).fetch().rowsUpdated().flatMap(rows -> rows == 1
                ? Mono.<Void>empty()
                : Mono.error(new OptimisticLockingFailureException("subscription " + s.id() + " changed concurrently")));
    }

    public Mono<Boolean> delete(String tenantId, String id) {
        return db.sql("DELETE FROM subscription WHERE tenant_id = :tenantId AND id = :id")
                .bind("tenantId", tenantId)
                .bind("id", id)
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    public Mono<SigningSecrets> signingSecrets(String id) {
        return db.sql("SELECT secret_encrypted, previous_secret_encrypted, previous_secret_until FROM subscription "
                        + "WHERE id = :id")
                .bind("id", id)
                .map(row -> new SigningSecrets(row.get("secret_encrypted", String.class),
                        row.get("previous_secret_encrypted", String.class),
                        row.get("previous_secret_until", Instant.class)))
                .one();
    }

    /**
     * Stores rotated secrets, unless someone rotated since {@code replaced} was read.
     *
     * @throws OptimisticLockingFailureException on a concurrent rotation (the transaction is retried)
     */
    public Mono<Void> saveSecrets(String id, String replaced, SigningSecrets secrets, Instant now) {
        return db.sql("UPDATE subscription SET secret_encrypted = :current, previous_secret_encrypted = :previous, "
                        + "previous_secret_until = :until, updated_at = :now, version = version + 1 "
                        + "WHERE id = :id AND secret_encrypted = :replaced")
                .bind("id", id)
                .bind("replaced", replaced)
                .bind("current", secrets.current())
                .bind("previous", secrets.previous())
                .bind("until", secrets.previousUntil())
                .bind("now", now)
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == 1 ? Mono.<Void>empty()
                        : Mono.error(new OptimisticLockingFailureException("subscription " + id + " rotated concurrently")));
    }

    /**
     * Records that an attempt reached the endpoint: {@code last_triggered} moves forward and the failure
     * streak starts (failure) or ends (success).
     *
     * @return when the current failure streak started; empty after a success
     */
    public Mono<Optional<Instant>> noteAttempt(String id, boolean success, Instant at) {
        return noteAttempts(List.of(AttemptStreak.of(id, success, at)))
                .map(streaks -> streaks.getOrDefault(id, Optional.empty()));
    }

    /**
     * Records what a batch of attempts did to each endpoint's health (one {@link AttemptStreak} per subscription).
     * Plain atomic SQL rather than a versioned save, because deliveries to one endpoint finish concurrently and must
     * not conflict over these two columns.
     *
     * <p>Lock order (docs/webhooks.md, "Lock order"): the subscription rows first, in id order, then the deliveries.
     * The lock is {@code FOR NO KEY UPDATE} — what the UPDATE below takes anyway — not {@code FOR UPDATE}: it still
     * orders two batches (of this or another instance) and a tenant's PATCH or DELETE, but it does not conflict with
     * the KEY SHARE lock every insert into {@code delivery} takes on its subscription (the foreign-key check).
     * {@code FOR UPDATE} did, and with the call-events batch holding KEY SHARE on endpoint B while waiting for A, and
     * this batch holding A while waiting for B, PostgreSQL found deadlocks under load (bench, 2026-12-04).
     *
     * @return per subscription, when its failure streak started after these attempts (empty: not failing)
     */
    public Mono<Map<String, Optional<Instant>>> noteAttempts(List<AttemptStreak> streaks) {
        if (streaks.isEmpty()) {
            return Mono.just(Map.of());
        }
        List<AttemptStreak> ordered = streaks.stream().sorted(Comparator.comparing(AttemptStreak::subscriptionId)).toList();
        int n = ordered.size();
        String[] ids = new String[n];
        String[] lastAts = new String[n];
        Boolean[] succeeded = new Boolean[n];
        String[] failingFrom = new String[n];
        for (int i = 0; i < n; i++) {
            AttemptStreak s = ordered.get(i);
            ids[i] = s.subscriptionId();
            lastAts[i] = s.lastAttemptAt().toString();
            succeeded[i] = s.succeeded();
            failingFrom[i] = s.failingFrom() == null ? null : s.failingFrom().toString();
        }
        // Two statements, not one with the lock as its CTE: in one, the UPDATE's snapshot predates the lock's waits,
        // so it meets rows updated meanwhile and re-locks them (EvalPlanQual) behind the next waiter in the tuple's
        // queue, who waits for this transaction — LockOrderIntegrationTest saw PostgreSQL find such deadlocks.
        Mono<Void> lock = db.sql("SELECT id FROM subscription WHERE id = ANY(CAST(:ids AS text[])) ORDER BY id "
                        + "FOR NO KEY UPDATE")
                .bind("ids", ids)
                .fetch().all().then();
        Mono<Map<String, Optional<Instant>>> update = db.sql("""
                        UPDATE subscription s
                        SET last_triggered = GREATEST(COALESCE(s.last_triggered, CAST(n.last_at AS timestamptz)),
                                                      CAST(n.last_at AS timestamptz)),
                            failing_since = CASE WHEN n.succeeded THEN CAST(n.failing_from AS timestamptz)
                                                 ELSE COALESCE(s.failing_since, CAST(n.failing_from AS timestamptz)) END
                        FROM unnest(CAST(:ids AS text[]), CAST(:lastAts AS text[]), CAST(:succeeded AS boolean[]),
                                    CAST(:failingFrom AS text[])) AS n(id, last_at, succeeded, failing_from)
                        WHERE s.id = n.id
                        RETURNING s.id, s.failing_since""")
                .bind("ids", ids)
                .bind("lastAts", lastAts)
                .bind("succeeded", succeeded)
                .bind("failingFrom", failingFrom)
                .map(row -> Map.entry(row.get("id", String.class),
                        Optional.ofNullable(row.get("failing_since", Instant.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        // One endpoint: the UPDATE's own row lock is the whole order, and a batch's statement fewer (at low load most
        // batches are one endpoint's).
        return n == 1 ? update : lock.then(update);
    }

    private static GenericExecuteSpec bindMutable(GenericExecuteSpec spec, Subscription.Snapshot s) {
        spec = spec.bind("url", s.url())
                .bind("events", s.events().names().toArray(String[]::new))
                .bind("numberIds", s.numberIds().toArray(String[]::new))
                .bind("active", s.active())
                .bind("updatedAt", s.updatedAt());
        spec = bindNullable(spec, "name", s.name(), String.class);
        spec = bindNullable(spec, "disabledReason", s.disabledReason() == null ? null : s.disabledReason().name(),
                String.class);
        return bindNullable(spec, "failingSince", s.failingSince(), Instant.class);
    }

    private static <T> GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    /** One subscription from a row holding {@link #COLUMNS}. */
    public static Subscription read(Readable row) {
        String reason = row.get("disabled_reason", String.class);
        return Subscription.restore(new Subscription.Snapshot(
                row.get("id", String.class),
                row.get("tenant_id", String.class),
                row.get("name", String.class),
                row.get("url", String.class),
                new EventSelection(Arrays.asList(row.get("events", String[].class))),
                List.of(row.get("number_ids", String[].class)),
                Boolean.TRUE.equals(row.get("active", Boolean.class)),
                row.get("secret_encrypted", String.class),
                reason == null ? null : DisableReason.valueOf(reason),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class),
                row.get("last_triggered", Instant.class),
                row.get("failing_since", Instant.class),
                row.get("version", Long.class)));
    }
}
