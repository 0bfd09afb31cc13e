package io.ringline.signaling.number;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * This service's copy of the gateway's numbers, fed by the compacted {@code numbers} topic (newest revision
 * wins, deletions included) and by the numbers provider signals carry. Commands name a number by id and
 * revision only; {@link #atLeast} finds that revision here.
 *
 * <p>Each instance keeps the newest revision it has seen in memory, so the usual command (same revision again)
 * costs no database read and the usual signal no write. An instance that has not seen a revision a command
 * needs (another instance consumed it) reads the table.
 */
@Repository
public class NumberReplica {

    /** A number's revision as replicated, and whether the gateway deleted it. */
    public record Replicated(NumberAccount account, boolean deleted) {
    }

    /** How the replica table spells {@link Provider#NONE}: as the numbers contract does. */
    private static final String STORED_NONE = "UNKNOWN";
    private static final long POLL_MILLIS = 50;
    private static final Duration POLL = Duration.ofMillis(POLL_MILLIS);

    private final DatabaseClient db;
    private final Map<String, Replicated> known = new ConcurrentHashMap<>();

    public NumberReplica(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Applies a revision from the numbers topic unless a newer or equal one is stored. Runs as its own
     * statement, outside any call transaction.
     */
    public Mono<Void> apply(NumberAccount number, boolean deleted) {
        return upsert(number, deleted).doOnSuccess(v -> note(new Replicated(number, deleted)));
    }

    /** Stores the number a provider signal carried, unless a newer or equal revision is known. */
    public Mono<Void> remember(NumberAccount number) {
        Replicated current = known.get(number.numberId());
        if (current != null && current.account().version() >= number.version()) {
            return Mono.empty();
        }
        return upsert(number, false).doOnSuccess(v -> note(new Replicated(number, false)));
    }

    /**
     * The number at revision {@code minVersion} or newer. When it has not arrived (the topic is behind the
     * command), waits for it up to {@code wait}, reading the table every {@value #POLL_MILLIS} ms; empty if
     * it does not come.
     */
    public Mono<Replicated> atLeast(String numberId, long minVersion, Duration wait) {
        Replicated current = known.get(numberId);
        if (current != null && current.account().version() >= minVersion) {
            return Mono.just(current);
        }
        return Mono.defer(() -> load(numberId))
                .filter(replicated -> replicated.account().version() >= minVersion)
                .repeatWhenEmpty(attempts -> attempts.delayElements(POLL))
                .timeout(wait, Mono.empty())
                .doOnNext(this::note);
    }

    /** The stored number, deleted or not (timers act on calls of numbers deleted since). */
    public Mono<NumberAccount> find(String numberId) {
        return load(numberId).map(Replicated::account);
    }

    /** The stored revision and whether the gateway deleted the number; empty when it was never replicated. */
    public Mono<Replicated> current(String numberId) {
        return load(numberId);
    }

    private Mono<Replicated> load(String numberId) {
        return db.sql("""
                        SELECT number_id, tenant_id, provider, phone, base_url, account_id, encrypted_credentials, version,
                               deleted
                        FROM numbers WHERE number_id = :id""")
                .bind("id", numberId)
                .map(row -> new Replicated(new NumberAccount(
                        row.get("number_id", String.class),
                        row.get("tenant_id", String.class),
                        provider(row.get("provider", String.class)),
                        row.get("phone", String.class),
                        row.get("base_url", String.class),
                        row.get("account_id", String.class),
                        row.get("encrypted_credentials", String.class),
                        row.get("version", Long.class)),
                        Boolean.TRUE.equals(row.get("deleted", Boolean.class))))
                .one();
    }

    private Mono<Void> upsert(NumberAccount number, boolean deleted) {
        return db.sql("""
                        INSERT INTO numbers (number_id, tenant_id, provider, phone, base_url, account_id,
                                             encrypted_credentials, version, deleted)
                        VALUES (:id, :tenant, :provider, :phone, :baseUrl, :accountId, :credentials, :version, :deleted)
                        ON CONFLICT (number_id) DO UPDATE SET
                            tenant_id = EXCLUDED.tenant_id, provider = EXCLUDED.provider, phone = EXCLUDED.phone,
                            base_url = EXCLUDED.base_url, account_id = EXCLUDED.account_id,
                            encrypted_credentials = EXCLUDED.encrypted_credentials, version = EXCLUDED.version,
                            deleted = EXCLUDED.deleted, updated_at = now()
                        WHERE numbers.version < EXCLUDED.version""")
                .bind("id", number.numberId())
                .bind("tenant", number.tenantId())
                .bind("provider", number.provider() == Provider.NONE ? STORED_NONE : number.provider().name())
                .bind("phone", number.phone())
                .bind("baseUrl", number.baseUrl())
                .bind("accountId", number.accountId())
                .bind("credentials", number.encryptedCredentials())
                .bind("version", number.version())
                .bind("deleted", deleted)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Keeps the newest revision seen; an older one (a late signal, a replayed topic) never replaces it. */
    private void note(Replicated replicated) {
        known.merge(replicated.account().numberId(), replicated,
                (old, fresh) -> fresh.account().version() > old.account().version() ? fresh : old);
    }

    private static Provider provider(String name) {
        return STORED_NONE.equals(name) ? Provider.NONE : Provider.valueOf(name);
    }
}
