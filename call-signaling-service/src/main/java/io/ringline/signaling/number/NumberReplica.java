package io.ringline.signaling.number;

import io.ringline.signaling.call.Provider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * This service's copy of the numbers it has seen on commands and signals (newest gateway revision
 * wins), so work started by a timer rather than a message can still reach the provider.
 */
@Repository
public class NumberReplica {

    private final DatabaseClient db;
    /** Revisions already stored, so the usual message (same revision again) costs no write. */
    private final Map<String, Long> stored = new ConcurrentHashMap<>();

    public NumberReplica(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Stores the number unless a newer or equal revision is there. Runs as its own statement, outside
     * any call transaction: it must not hold the number's row lock for the length of one.
     */
    public Mono<Void> remember(NumberAccount number) {
        Long known = stored.get(number.numberId());
        if (known != null && known >= number.version()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO numbers (number_id, tenant_id, provider, phone, base_url, account_id,
                                             encrypted_credentials, version)
                        VALUES (:id, :tenant, :provider, :phone, :baseUrl, :accountId, :credentials, :version)
                        ON CONFLICT (number_id) DO UPDATE SET
                            tenant_id = EXCLUDED.tenant_id, provider = EXCLUDED.provider, phone = EXCLUDED.phone,
                            base_url = EXCLUDED.base_url, account_id = EXCLUDED.account_id,
                            encrypted_credentials = EXCLUDED.encrypted_credentials, version = EXCLUDED.version,
                            updated_at = now()
                        WHERE numbers.version < EXCLUDED.version""")
                .bind("id", number.numberId())
                .bind("tenant", number.tenantId())
                .bind("provider", number.provider() == null ? "UNKNOWN" : number.provider().name())
                .bind("phone", number.phone())
                .bind("baseUrl", number.baseUrl())
                .bind("accountId", number.accountId())
                .bind("credentials", number.encryptedCredentials())
                .bind("version", number.version())
                .fetch()
                .rowsUpdated()
                .doOnSuccess(rows -> stored.merge(number.numberId(), number.version(), Math::max))
                .then();
    }

    public Mono<NumberAccount> find(String numberId) {
        return db.sql("""
                        SELECT number_id, tenant_id, provider, phone, base_url, account_id, encrypted_credentials, version
                        FROM numbers WHERE number_id = :id""")
                .bind("id", numberId)
                .map(row -> new NumberAccount(
                        row.get("number_id", String.class),
                        row.get("tenant_id", String.class),
                        provider(row.get("provider", String.class)),
                        row.get("phone", String.class),
                        row.get("base_url", String.class),
                        row.get("account_id", String.class),
                        row.get("encrypted_credentials", String.class),
                        row.get("version", Long.class)))
                .one();
    }

    private static Provider provider(String name) {
        return "UNKNOWN".equals(name) ? null : Provider.valueOf(name);
    }
}
