package io.ringline.fanout.delivery.persistence;

import io.ringline.fanout.delivery.ClaimedDelivery;
import io.ringline.fanout.delivery.Delivery;
import io.ringline.fanout.delivery.DeliveryStatus;
import io.ringline.fanout.delivery.DestinationHost;
import io.ringline.fanout.subscription.EventName;
import io.ringline.fanout.subscription.PendingDeliveries;
import io.ringline.fanout.subscription.SigningSecrets;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Durable delivery state: {@code fanout.delivery} is the history (a row per delivery, inserted once, its state updated
 * in place by HOT updates), {@code fanout.delivery_queue} the work in flight (a row per pending delivery, deleted when
 * it finishes; V7 says why they are apart). A queue row exists exactly while its delivery is {@code PENDING}, and every
 * statement here that changes one changes the other. Work is shared between instances by claiming due queue rows with
 * {@code FOR UPDATE SKIP LOCKED} and stamping a lease ({@code locked_until} + token): another instance skips leased
 * rows, and a crashed instance's rows become due again when the lease runs out.
 *
 * <p>Lock order: the subscription row (taken by the callers that need it), then the queue rows, then the deliveries;
 * {@link #requeueAll} and {@link #retryNow} write the delivery first but hold the subscription row, which the only
 * other writer of a queue row's delivery ({@link #saveOutcomes}, under {@code AttemptCompletion}) takes first too.
 */
@Repository
public class DeliveryRepository implements PendingDeliveries {

    /**
     * The subscriptions with pending deliveries are found first by skipping through {@code
     * delivery_queue_by_subscription} one subscription at a time (a loose index scan, one index descent each), so a
     * claim's cost follows the subscriptions that have work and not every active subscription: the claim used to
     * drive from a sequential scan of {@code subscription} and probe each one's deliveries — 230 subscriptions made
     * 930 subscription rows and 530 delivery index scans per call in the benchmark (docs/performance.md), and the
     * count would grow with every tenant's endpoints. Then the due rows of each active one of them, oldest first, at
     * most its free slots; then taken in turns
     * per tenant (each tenant's oldest, then each tenant's second oldest, …), so one tenant's burst of
     * thousands cannot push another tenant's single delivery to the back of the queue; and at most the free
     * slots of each destination host, so subscriptions of any tenants pointing at one host share its bound.
     * The host is the URL's host, lower-cased, as written (no DNS): {@link DestinationHost}, and the claim hands it
     * back so the dispatcher counts the same key.
     */
    private static final String HOST = DestinationHost.sql("s.url");

    static final String CLAIM = """
            WITH RECURSIVE pending(subscription_id) AS (
                (SELECT q.subscription_id FROM delivery_queue q ORDER BY q.subscription_id LIMIT 1)
                UNION ALL
                SELECT (SELECT q.subscription_id FROM delivery_queue q
                        WHERE q.subscription_id > pending.subscription_id
                        ORDER BY q.subscription_id LIMIT 1)
                FROM pending
                WHERE pending.subscription_id IS NOT NULL
            ), busy AS (
                SELECT b.subscription_id, b.free
                FROM unnest(CAST(:busyIds AS text[]), CAST(:busyFree AS int[])) AS b(subscription_id, free)
            ), busy_host AS (
                SELECT h.host, h.free
                FROM unnest(CAST(:busyHosts AS text[]), CAST(:busyHostFree AS int[])) AS h(host, free)
            ), candidate AS (
                SELECT p.id, p.next_attempt_at, %s AS host,
                       row_number() OVER (PARTITION BY s.tenant_id ORDER BY p.next_attempt_at, p.id) AS turn
                FROM pending
                -- LIMIT keeps this a lookup by key per subscription found: joined, the planner (which cannot
                -- estimate the recursive part) would read the whole subscription table again.
                CROSS JOIN LATERAL (
                    SELECT s.id, s.tenant_id, s.url FROM subscription s
                    WHERE s.id = pending.subscription_id AND s.active
                    LIMIT 1
                ) s
                LEFT JOIN busy ON busy.subscription_id = s.id
                CROSS JOIN LATERAL (
                    SELECT q.delivery_id AS id, q.next_attempt_at
                    FROM delivery_queue q
                    WHERE q.subscription_id = s.id AND q.next_attempt_at <= :now
                      AND (q.locked_until IS NULL OR q.locked_until < :now)
                    ORDER BY q.next_attempt_at, q.delivery_id
                    LIMIT COALESCE(busy.free, :perEndpoint)
                    FOR UPDATE OF q SKIP LOCKED
                ) p
            ), per_host AS (
                SELECT c.id, c.next_attempt_at, c.host, c.turn,
                       row_number() OVER (PARTITION BY c.host ORDER BY c.turn, c.next_attempt_at, c.id) AS host_rank
                FROM candidate c
            ), picked AS (
                SELECT ph.id, ph.host
                FROM per_host ph
                LEFT JOIN busy_host ON busy_host.host = ph.host
                WHERE ph.host_rank <= COALESCE(busy_host.free, :perHost)
                ORDER BY ph.turn, ph.next_attempt_at, ph.id
                LIMIT :limit
            ), leased AS (
                -- By key, as an array: joined, the planner (which cannot estimate the rows picked) hashes the
                -- whole queue, and below the whole history.
                UPDATE delivery_queue q SET locked_until = :leaseUntil, lease_token = :token
                WHERE q.delivery_id = ANY(ARRAY(SELECT id FROM picked))
                RETURNING q.delivery_id
            )
            SELECT d.id, d.subscription_id, d.tenant_id, d.event_id, d.event, d.payload, d.status, d.attempts,
                      d.round_start, d.next_attempt_at, d.last_status_code, d.last_error, d.created_at, d.updated_at, d.completed_at,
                      s.url, s.secret_encrypted, s.previous_secret_encrypted, s.previous_secret_until, picked.host
            FROM delivery d
            JOIN picked ON picked.id = d.id
            JOIN subscription s ON s.id = d.subscription_id
            WHERE d.id = ANY(ARRAY(SELECT delivery_id FROM leased))
            """.formatted(HOST);

    private final DatabaseClient db;

    public DeliveryRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Inserts new deliveries in one statement (one round trip however many subscriptions an event reaches); one that
     * exists already (same event, same subscription) is left alone. Emits how many were inserted.
     */
    public Mono<Long> insertAll(List<Delivery> deliveries) {
        return insertAll(deliveries, Set.of(), "", Instant.EPOCH, Instant.EPOCH).map(Inserted::count);
    }

    /**
     * @param count  deliveries inserted (those that existed already are not)
     * @param leased the inserted deliveries leased by the same statement, ready to send
     */
    public record Inserted(long count, List<ClaimedDelivery> leased) {
    }

    /**
     * Inserts new deliveries in one statement, as {@link #insertAll(List)}, and leases those of {@code leaseIds}
     * whose subscription has nothing due waiting in the queue (a delivery due and not leased: it is ahead in line,
     * and a claim will take it in its turn) — to {@code token} until {@code leaseUntil}, as a claim would. A leased
     * row is invisible to claims until the lease runs out, so a delivery the caller then fails to send is taken over
     * then, as a crashed instance's would be.
     *
     * <p>Rows go in ordered by {@code (subscription_id, event_id)}: the foreign-key checks then take their KEY SHARE
     * locks on the subscriptions in id order (the global order: subscriptions by id, then deliveries), and two
     * instances inserting the same poll again (a rebalance) meet on the unique key in the same order, so the second
     * waits for the first instead of each holding a key the other needs. Leasing takes no lock more: the queue rows
     * are new, and the look for waiting ones reads without locking.
     */
    public Mono<Inserted> insertAll(List<Delivery> deliveries, Set<String> leaseIds, String token, Instant leaseUntil,
            Instant now) {
        if (deliveries.isEmpty()) {
            return Mono.just(new Inserted(0, List.of()));
        }
        int n = deliveries.size();
        String[] ids = new String[n];
        String[] subscriptionIds = new String[n];
        String[] tenantIds = new String[n];
        String[] eventIds = new String[n];
        String[] events = new String[n];
        String[] payloads = new String[n];
        String[] statuses = new String[n];
        Integer[] attempts = new Integer[n];
        String[] nextAttemptAts = new String[n];
        String[] createdAts = new String[n];
        String[] updatedAts = new String[n];
        Map<String, Delivery.Snapshot> byId = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Delivery.Snapshot d = deliveries.get(i).snapshot();
            byId.put(d.id(), d);
            ids[i] = d.id();
            subscriptionIds[i] = d.subscriptionId();
            tenantIds[i] = d.tenantId();
            eventIds[i] = d.eventId();
            events[i] = d.event().wire();
            payloads[i] = d.payload();
            statuses[i] = d.status().name();
            attempts[i] = d.attempts();
            nextAttemptAts[i] = Timestamps.text(d.nextAttemptAt());
            createdAts[i] = Timestamps.text(d.createdAt());
            updatedAts[i] = Timestamps.text(d.updatedAt());
        }
        return db.sql(INSERT)
                .bind("ids", ids)
                .bind("subscriptionIds", subscriptionIds)
                .bind("tenantIds", tenantIds)
                .bind("eventIds", eventIds)
                .bind("events", events)
                .bind("payloads", payloads)
                .bind("statuses", statuses)
                .bind("attempts", attempts)
                .bind("nextAttemptAts", nextAttemptAts)
                .bind("createdAts", createdAts)
                .bind("updatedAts", updatedAts)
                .bind("leaseIds", leaseIds.toArray(String[]::new))
                .bind("token", token)
                .bind("leaseUntil", leaseUntil)
                .bind("now", now)
                .map(row -> {
                    long count = row.get("inserted", Long.class);
                    String id = row.get("delivery_id", String.class);
                    return id == null ? new Inserted(count, List.of())
                            : new Inserted(count, List.of(new ClaimedDelivery(byId.get(id), row.get("url", String.class),
                                    new SigningSecrets(row.get("secret_encrypted", String.class),
                                            row.get("previous_secret_encrypted", String.class),
                                            row.get("previous_secret_until", Instant.class)),
                                    token, row.get("host", String.class))));
                })
                .all()
                .reduce((a, b) -> new Inserted(a.count(), concat(a.leased(), b.leased())))
                .defaultIfEmpty(new Inserted(0, List.of()));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    // One row per leased delivery, or a single row with no delivery when none was; each carries the count inserted.
    private static final String INSERT = """
            WITH inserted AS (
            INSERT INTO delivery (id, subscription_id, tenant_id, event_id, event, payload, status, attempts,
                                  next_attempt_at, created_at, updated_at)
            SELECT r.id, r.subscription_id, r.tenant_id, r.event_id, r.event, r.payload, r.status, r.attempts,
                   CAST(r.next_attempt_at AS timestamptz), CAST(r.created_at AS timestamptz),
                   CAST(r.updated_at AS timestamptz)
            FROM unnest(CAST(:ids AS text[]), CAST(:subscriptionIds AS text[]), CAST(:tenantIds AS text[]),
                        CAST(:eventIds AS text[]), CAST(:events AS text[]), CAST(:payloads AS text[]),
                        CAST(:statuses AS text[]), CAST(:attempts AS int[]), CAST(:nextAttemptAts AS text[]),
                        CAST(:createdAts AS text[]), CAST(:updatedAts AS text[]))
                 AS r(id, subscription_id, tenant_id, event_id, event, payload, status, attempts,
                      next_attempt_at, created_at, updated_at)
            ORDER BY r.subscription_id, r.event_id
            ON CONFLICT (event_id, subscription_id) DO NOTHING
            RETURNING id, subscription_id, status, next_attempt_at
            ), queued AS (
            INSERT INTO delivery_queue (delivery_id, subscription_id, next_attempt_at, locked_until, lease_token)
            SELECT i.id, i.subscription_id, i.next_attempt_at,
                   CASE WHEN l.leased THEN :leaseUntil END, CASE WHEN l.leased THEN :token END
            FROM inserted i
            -- Only the statement's snapshot is read: the rows this statement queues are not "waiting" here.
            CROSS JOIN LATERAL (
                SELECT i.id = ANY(CAST(:leaseIds AS text[])) AND NOT EXISTS (
                    SELECT 1 FROM delivery_queue w
                    WHERE w.subscription_id = i.subscription_id AND w.next_attempt_at <= :now
                      AND (w.locked_until IS NULL OR w.locked_until < :now)) AS leased
            ) l
            WHERE i.status = 'PENDING'
            RETURNING delivery_id, subscription_id, lease_token
            ), leased AS (
            SELECT q.delivery_id, s.url, s.secret_encrypted, s.previous_secret_encrypted, s.previous_secret_until,
                   %s AS host
            FROM queued q JOIN subscription s ON s.id = q.subscription_id
            WHERE q.lease_token IS NOT NULL
            )
            SELECT c.inserted, l.*
            FROM (SELECT count(*) AS inserted FROM inserted) c LEFT JOIN leased l ON true
            """.formatted(HOST);

    /**
     * Queues deliveries of one subscription again, due at {@code now}, with their event ids, so receivers
     * deduplicate: inserted when the subscription never had the event, put back in a new round when it had finished
     * (delivered, failed, cancelled) or is only waiting for a retry — a fresh retry schedule, while the attempt
     * numbers go on from the attempts already made ({@code round_start}). One being attempted right now
     * (lease held) is left alone. One statement for the whole list; emits how many were queued.
     *
     * <p>Lock order: the subscription row first ({@code FOR NO KEY UPDATE}, as recording attempts takes it), then the
     * deliveries in event-id order. {@code ON CONFLICT DO UPDATE} locks a conflicting row even when its WHERE leaves it
     * alone, so without the subscription lock a replay could hold one leased delivery while waiting for another that a
     * batch of recorded attempts has updated, while that batch waits for the first.
     *
     * @param deliveries fresh {@link Delivery#create} results of one subscription and tenant, distinct events
     */
    public Mono<Long> requeueAll(List<Delivery> deliveries, Instant now) {
        if (deliveries.isEmpty()) {
            return Mono.just(0L);
        }
        Delivery.Snapshot first = deliveries.getFirst().snapshot();
        String[] ids = new String[deliveries.size()];
        String[] eventIds = new String[ids.length];
        String[] events = new String[ids.length];
        String[] payloads = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Delivery.Snapshot d = deliveries.get(i).snapshot();
            if (!d.subscriptionId().equals(first.subscriptionId()) || !d.tenantId().equals(first.tenantId())) {
                throw new IllegalArgumentException("requeueAll takes deliveries of one subscription");
            }
            ids[i] = d.id();
            eventIds[i] = d.eventId();
            events[i] = d.event().wire();
            payloads[i] = d.payload();
        }
        return lockSubscription(first.subscriptionId()).then(db.sql("""
                        WITH rounds AS (
                        INSERT INTO delivery (id, subscription_id, tenant_id, event_id, event, payload, status, attempts,
                                              next_attempt_at, created_at, updated_at)
                        SELECT r.id, :subscriptionId, :tenantId, r.event_id, r.event, r.payload, 'PENDING', 0, :now, :now, :now
                        FROM unnest(CAST(:ids AS text[]), CAST(:eventIds AS text[]), CAST(:events AS text[]),
                                    CAST(:payloads AS text[])) AS r(id, event_id, event, payload)
                        ORDER BY r.event_id
                        ON CONFLICT (event_id, subscription_id) DO UPDATE SET status = 'PENDING',
                            round_start = delivery.attempts, next_attempt_at = :now, updated_at = :now, completed_at = NULL
                        WHERE NOT EXISTS (SELECT 1 FROM delivery_queue q
                                          WHERE q.delivery_id = delivery.id AND q.locked_until >= :now)
                        RETURNING id
                        )
                        """ + QUEUE_ROUNDS)
                .bind("subscriptionId", first.subscriptionId())
                .bind("tenantId", first.tenantId())
                .bind("ids", ids)
                .bind("eventIds", eventIds)
                .bind("events", events)
                .bind("payloads", payloads)
                .bind("now", now)
                .fetch().rowsUpdated());
    }

    /**
     * Queues the deliveries of {@code rounds} (ids a statement's CTE returned) due at {@code :now}, unless a lease is
     * running: the lease holder still owns the attempt, whose outcome then finds its lease gone and is not saved.
     */
    private static final String QUEUE_ROUNDS = """
            INSERT INTO delivery_queue (delivery_id, subscription_id, next_attempt_at)
            SELECT id, :subscriptionId, :now FROM rounds ORDER BY id
            ON CONFLICT (delivery_id) DO UPDATE SET next_attempt_at = :now, locked_until = NULL, lease_token = NULL
            WHERE delivery_queue.locked_until IS NULL OR delivery_queue.locked_until < :now""";

    /** The subscription row before its deliveries (the lock order of {@link #requeueAll}), in the caller's tx. */
    private Mono<Void> lockSubscription(String subscriptionId) {
        return db.sql("SELECT id FROM subscription WHERE id = :id FOR NO KEY UPDATE")
                .bind("id", subscriptionId)
                .fetch().all().then();
    }

    /** Who a delivery belongs to: {@code [subscriptionId, tenantId]}. */
    public Mono<String[]> owner(String deliveryId) {
        return db.sql("SELECT subscription_id, tenant_id FROM delivery WHERE id = :id")
                .bind("id", deliveryId)
                .map(row -> new String[] {row.get("subscription_id", String.class), row.get("tenant_id", String.class)})
                .one();
    }

    /**
     * {@link #requeueAll} of one existing delivery by id; emits 0 while an attempt of it is running. Takes its
     * subscription's row first, the same lock order.
     */
    public Mono<Long> retryNow(String deliveryId, Instant now) {
        return owner(deliveryId)
                .flatMap(owner -> lockSubscription(owner[0]).then(db.sql("""
                                WITH rounds AS (
                                UPDATE delivery SET status = 'PENDING', round_start = attempts, next_attempt_at = :now,
                                    updated_at = :now, completed_at = NULL
                                WHERE id = :id AND NOT EXISTS (SELECT 1 FROM delivery_queue q
                                                               WHERE q.delivery_id = :id AND q.locked_until >= :now)
                                RETURNING id
                                )
                                """ + QUEUE_ROUNDS)
                        .bind("id", deliveryId)
                        .bind("subscriptionId", owner[0])
                        .bind("now", now)
                        .fetch().rowsUpdated()))
                .defaultIfEmpty(0L);
    }

    /**
     * Leases up to {@code limit} due deliveries, with no per-host bound beyond {@code limit}.
     *
     * @param busyFree free slots of the subscriptions that already have attempts running in this instance;
     *                 every other subscription may get {@code perEndpoint}
     */
    public Mono<List<ClaimedDelivery>> claim(Instant now, Duration lease, String token, int limit, int perEndpoint,
            Map<String, Integer> busyFree) {
        return claim(now, lease, token, limit, perEndpoint, busyFree, limit, Map.of());
    }

    /**
     * Leases up to {@code limit} due deliveries.
     *
     * @param busyFree     free slots of the subscriptions that already have attempts running in this instance;
     *                     every other subscription may get {@code perEndpoint}
     * @param busyHostFree the same for destination hosts; every other host may get {@code perHost}
     */
    public Mono<List<ClaimedDelivery>> claim(Instant now, Duration lease, String token, int limit, int perEndpoint,
            Map<String, Integer> busyFree, int perHost, Map<String, Integer> busyHostFree) {
        String[] ids = busyFree.keySet().toArray(String[]::new);
        Integer[] free = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            free[i] = busyFree.get(ids[i]);
        }
        String[] hosts = busyHostFree.keySet().toArray(String[]::new);
        Integer[] hostFree = new Integer[hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            hostFree[i] = busyHostFree.get(hosts[i]);
        }
        return db.sql(CLAIM)
                .bind("busyIds", ids)
                .bind("busyFree", free)
                .bind("busyHosts", hosts)
                .bind("busyHostFree", hostFree)
                .bind("now", now)
                .bind("perEndpoint", perEndpoint)
                .bind("perHost", perHost)
                .bind("limit", limit)
                .bind("leaseUntil", now.plus(lease))
                .bind("token", token)
                .map(row -> new ClaimedDelivery(read(row), row.get("url", String.class),
                        new SigningSecrets(row.get("secret_encrypted", String.class),
                                row.get("previous_secret_encrypted", String.class),
                                row.get("previous_secret_until", Instant.class)), token, row.get("host", String.class)))
                .all()
                .collectList();
    }

    /** Saves an attempt's effect and drops the lease; emits false when the lease was lost meanwhile. */
    public Mono<Boolean> saveOutcome(Delivery delivery, String token) {
        return saveOutcomes(List.of(new LeasedOutcome(delivery, token)))
                .map(held -> held.contains(delivery.snapshot().id()));
    }

    /**
     * The queue rows whose lease is still held go (finished) or wait for their retry, lease dropped; only those
     * deliveries' history rows are written — the columns no index covers, so the update is HOT (V7). The queue rows
     * are found by key ({@code = ANY(:ids)}), not only joined: a connection plans this once ({@code plan_cache_mode}),
     * usually while the queue is nearly empty, and joined, that plan hashed the whole queue — kept for the
     * connection's life, it read every row of a backlog twice per batch (DeliveryOutcomesPlanIntegrationTest).
     */
    static final String SAVE_OUTCOMES = """
            WITH o AS (
                SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:tokens AS text[]), CAST(:statuses AS text[]),
                        CAST(:attempts AS int[]), CAST(:nextAttemptAts AS text[]), CAST(:codes AS int[]),
                        CAST(:errors AS text[]), CAST(:updatedAts AS text[]), CAST(:completedAts AS text[]))
                 AS o(id, token, status, attempts, next_attempt_at, code, error, updated_at, completed_at)
            ), finished AS (
                DELETE FROM delivery_queue q USING o
                WHERE q.delivery_id = ANY(CAST(:ids AS text[])) AND q.delivery_id = o.id AND q.lease_token = o.token
                  AND o.status <> 'PENDING'
                RETURNING q.delivery_id
            ), retrying AS (
                UPDATE delivery_queue q SET next_attempt_at = CAST(o.next_attempt_at AS timestamptz),
                    locked_until = NULL, lease_token = NULL
                FROM o
                WHERE q.delivery_id = ANY(CAST(:ids AS text[])) AND q.delivery_id = o.id AND q.lease_token = o.token
                  AND o.status = 'PENDING'
                RETURNING q.delivery_id
            ), held AS (
                SELECT delivery_id FROM finished UNION ALL SELECT delivery_id FROM retrying
            )
            UPDATE delivery d SET status = o.status, attempts = o.attempts,
                next_attempt_at = CAST(o.next_attempt_at AS timestamptz), last_status_code = o.code,
                last_error = o.error, updated_at = CAST(o.updated_at AS timestamptz),
                completed_at = CAST(o.completed_at AS timestamptz)
            FROM o JOIN held ON held.delivery_id = o.id
            WHERE d.id = o.id
            RETURNING d.id""";

    /** A delivery's state after an attempt, to be saved only while {@code leaseToken} still holds its lease. */
    public record LeasedOutcome(Delivery delivery, String leaseToken) {
    }

    /**
     * Saves the effect of many attempts in one statement and drops their leases. A delivery whose lease was lost
     * meanwhile (another instance took it over after the lease ran out) is left as it is.
     *
     * @return the ids of the deliveries that were saved (their lease was still held)
     */
    public Mono<Set<String>> saveOutcomes(List<LeasedOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Mono.just(Set.of());
        }
        return saved(bindOutcomes(db.sql(SAVE_OUTCOMES), outcomes));
    }

    /**
     * {@link #SAVE_OUTCOMES} with the attempts' log written by the same statement: a batch's record is three
     * statements, not four. The log's insert reads and KEY SHARE-locks the same deliveries the outcomes update, all
     * held by this transaction's subscription locks already (docs/webhooks.md, "Lock order").
     */
    static final String LOG_AND_SAVE_OUTCOMES = "WITH logged AS (\n" + AttemptLog.INSERT + "\n), "
            + SAVE_OUTCOMES.substring("WITH ".length());

    /**
     * Logs the attempts and saves their outcomes in one statement (see {@link #saveOutcomes(List)}): every attempt is
     * logged, whether its lease still held or not (a late attempt happened too).
     *
     * @return the ids of the deliveries that were saved (their lease was still held)
     */
    public Mono<Set<String>> saveOutcomes(List<LeasedOutcome> outcomes, List<AttemptLog.NewEntry> attempts) {
        if (attempts.isEmpty()) {
            return saveOutcomes(outcomes);
        }
        return saved(AttemptLog.bind(bindOutcomes(db.sql(LOG_AND_SAVE_OUTCOMES), outcomes), attempts));
    }

    private static Mono<Set<String>> saved(GenericExecuteSpec spec) {
        return spec.map(row -> row.get("id", String.class))
                .all()
                .collect(Collectors.toUnmodifiableSet());
    }

    private static GenericExecuteSpec bindOutcomes(GenericExecuteSpec spec, List<LeasedOutcome> outcomes) {
        int n = outcomes.size();
        String[] ids = new String[n];
        String[] tokens = new String[n];
        String[] statuses = new String[n];
        Integer[] attempts = new Integer[n];
        String[] nextAttemptAts = new String[n];
        Integer[] codes = new Integer[n];
        String[] errors = new String[n];
        String[] updatedAts = new String[n];
        String[] completedAts = new String[n];
        for (int i = 0; i < n; i++) {
            Delivery.Snapshot d = outcomes.get(i).delivery().snapshot();
            ids[i] = d.id();
            tokens[i] = outcomes.get(i).leaseToken();
            statuses[i] = d.status().name();
            attempts[i] = d.attempts();
            nextAttemptAts[i] = Timestamps.text(d.nextAttemptAt());
            codes[i] = d.lastStatusCode();
            errors[i] = d.lastError();
            updatedAts[i] = Timestamps.text(d.updatedAt());
            completedAts[i] = Timestamps.text(d.completedAt());
        }
        return spec.bind("ids", ids)
                .bind("tokens", tokens)
                .bind("statuses", statuses)
                .bind("attempts", attempts)
                .bind("nextAttemptAts", nextAttemptAts)
                .bind("codes", codes)
                .bind("errors", errors)
                .bind("updatedAts", updatedAts)
                .bind("completedAts", completedAts);
    }

    /**
     * Where these deliveries stand now; a delivery that no longer exists (deleted with its webhook) is absent. Read only
     * for attempts whose lease did not hold, to tell why (off the hot path: rare).
     */
    public Mono<Map<String, DeliveryStatus>> statuses(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT id, status FROM delivery WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(String[]::new))
                .map(row -> Map.entry(row.get("id", String.class),
                        DeliveryStatus.valueOf(row.get("status", String.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Gives a claimed delivery back untouched, due again at once. */
    public Mono<Void> releaseLease(String id, String token) {
        return db.sql("UPDATE delivery_queue SET locked_until = NULL, lease_token = NULL "
                        + "WHERE delivery_id = :id AND lease_token = :token")
                .bind("id", id)
                .bind("token", token)
                .fetch().rowsUpdated().then();
    }

    @Override
    public Mono<Long> cancelAll(String subscriptionId, String reason, Instant now) {
        return db.sql("""
                        WITH gone AS (
                            DELETE FROM delivery_queue WHERE subscription_id = :subscriptionId RETURNING delivery_id
                        )
                        UPDATE delivery SET status = 'CANCELLED', last_error = :reason, updated_at = :now,
                            completed_at = :now
                        WHERE id IN (SELECT delivery_id FROM gone)""")
                .bind("subscriptionId", subscriptionId)
                .bind("reason", reason)
                .bind("now", now)
                .fetch().rowsUpdated();
    }

    /**
     * Undelivered deliveries of active subscriptions: how many are due and since when the oldest has been due, and how
     * many are queued, due or not (retries wait in the queue too, and the claim's search walks them).
     */
    public record Backlog(long depth, Instant oldestDueAt, long queued) {
    }

    public Mono<Backlog> backlog(Instant now) {
        return db.sql("SELECT count(*) FILTER (WHERE q.next_attempt_at <= :now) AS depth, "
                        + "min(q.next_attempt_at) FILTER (WHERE q.next_attempt_at <= :now) AS oldest, count(*) AS queued "
                        + "FROM delivery_queue q JOIN subscription s ON s.id = q.subscription_id AND s.active")
                .bind("now", now)
                .map(row -> new Backlog(row.get("depth", Long.class), row.get("oldest", Instant.class),
                        row.get("queued", Long.class)))
                .one();
    }

    /**
     * Has every connection plan the queue's statements again, at the queue's present size: ANALYZE updates its size in
     * the catalog, and PostgreSQL drops the cached plans of every session that read it (QueueGrowth says when).
     */
    public Mono<Void> replanQueue() {
        return db.sql("ANALYZE delivery_queue").then();
    }

    static Delivery.Snapshot read(Readable row) {
        return new Delivery.Snapshot(
                row.get("id", String.class),
                row.get("subscription_id", String.class),
                row.get("tenant_id", String.class),
                row.get("event_id", String.class),
                EventName.fromWire(row.get("event", String.class)).orElseThrow(),
                row.get("payload", String.class),
                DeliveryStatus.valueOf(row.get("status", String.class)),
                row.get("attempts", Integer.class),
                row.get("round_start", Integer.class),
                row.get("next_attempt_at", Instant.class),
                row.get("last_status_code", Integer.class),
                row.get("last_error", String.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class),
                row.get("completed_at", Instant.class));
    }
}
