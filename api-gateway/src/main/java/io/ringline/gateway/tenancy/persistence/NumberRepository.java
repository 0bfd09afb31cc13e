package io.ringline.gateway.tenancy.persistence;

import io.r2dbc.spi.Readable;
import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.GoInstanceIdentity;
import io.ringline.gateway.tenancy.ProviderEndpoint;
import io.ringline.gateway.tenancy.ProviderKind;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Numbers table. "Live" means not deleted: deleted rows stay for history (old calls refer to them) but are
 * invisible to every lookup.
 */
@Repository
public class NumberRepository {

    private static final String COLUMNS = "id, tenant_id, phone, provider, display_name, base_url, account_id, "
            + "encrypted_credentials, version, created_at, updated_at";

    /** A GO number with what authenticates its webhooks. */
    public record EvoGoRoute(BusinessNumber number, String instanceTokenHash) {
    }

    private final DatabaseClient db;

    public NumberRepository(DatabaseClient db) {
        this.db = db;
    }

    /** @param instanceTokenHash SHA-256 of the GO instance token, null for META */
    public Mono<Void> insert(BusinessNumber n, String instanceTokenHash, String verifyTokenHash) {
        var spec = db.sql("INSERT INTO numbers (" + COLUMNS + ", instance_token_hash, verify_token_hash, "
                        + "go_instance_key) VALUES (:id, :tenantId, :phone, :provider, :displayName, :baseUrl, "
                        + ":accountId, :credentials, :version, :createdAt, :updatedAt, :instanceTokenHash, "
                        + ":verifyTokenHash, :goInstanceKey)")
                .bind("id", n.id())
                .bind("tenantId", n.tenantId())
                .bind("phone", n.phone())
                .bind("provider", n.provider().name())
                .bind("baseUrl", n.endpoint().baseUrl().toString())
                .bind("accountId", n.endpoint().accountId())
                .bind("credentials", n.encryptedCredentials())
                .bind("version", n.version())
                .bind("createdAt", utc(n.createdAt()))
                .bind("updatedAt", utc(n.updatedAt()));
        spec = bindNullable(spec, "displayName", n.displayName());
        spec = bindNullable(spec, "instanceTokenHash", instanceTokenHash);
        spec = bindNullable(spec, "verifyTokenHash", verifyTokenHash);
        spec = bindNullable(spec, "goInstanceKey", goInstanceKey(n.endpoint()));
        return spec.then();
    }

    /**
     * Writes a changed number if nobody changed it since it was read ({@code version - 1}); emits false
     * when someone did, so the caller can retry on fresh state.
     */
    public Mono<Boolean> update(BusinessNumber n, String instanceTokenHash, String verifyTokenHash) {
        var spec = db.sql("UPDATE numbers SET display_name = :displayName, base_url = :baseUrl, "
                        + "account_id = :accountId, encrypted_credentials = :credentials, "
                        + "instance_token_hash = :instanceTokenHash, verify_token_hash = :verifyTokenHash, "
                        + "go_instance_key = :goInstanceKey, version = :version, updated_at = :updatedAt "
                        + "WHERE id = :id AND tenant_id = :tenantId AND version = :previous AND deleted_at IS NULL")
                .bind("id", n.id())
                .bind("tenantId", n.tenantId())
                .bind("baseUrl", n.endpoint().baseUrl().toString())
                .bind("accountId", n.endpoint().accountId())
                .bind("credentials", n.encryptedCredentials())
                .bind("version", n.version())
                .bind("previous", n.version() - 1)
                .bind("updatedAt", utc(n.updatedAt()));
        spec = bindNullable(spec, "displayName", n.displayName());
        spec = bindNullable(spec, "instanceTokenHash", instanceTokenHash);
        spec = bindNullable(spec, "verifyTokenHash", verifyTokenHash);
        spec = bindNullable(spec, "goInstanceKey", goInstanceKey(n.endpoint()));
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** Emits whether a live number was deleted. */
    public Mono<Boolean> markDeleted(String tenantId, String id, Instant now) {
        return db.sql("UPDATE numbers SET deleted_at = :now, updated_at = :now, version = version + 1 "
                        + "WHERE id = :id AND tenant_id = :tenantId AND deleted_at IS NULL")
                .bind("id", id)
                .bind("tenantId", tenantId)
                .bind("now", utc(now))
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    public Mono<BusinessNumber> findLive(String tenantId, String id) {
        return db.sql("SELECT " + COLUMNS + " FROM numbers WHERE id = :id AND tenant_id = :tenantId "
                        + "AND deleted_at IS NULL")
                .bind("id", id)
                .bind("tenantId", tenantId)
                .map(NumberRepository::toNumber)
                .one();
    }

    /** The live numbers among these ids, whatever their tenants (the caller matches them). */
    public Flux<BusinessNumber> findLive(List<String> ids) {
        return db.sql("SELECT " + COLUMNS + " FROM numbers WHERE id = ANY(:ids) AND deleted_at IS NULL")
                .bind("ids", ids.toArray(String[]::new))
                .map(NumberRepository::toNumber)
                .all();
    }

    public Flux<BusinessNumber> listLive(String tenantId) {
        return db.sql("SELECT " + COLUMNS + " FROM numbers WHERE tenant_id = :tenantId AND deleted_at IS NULL "
                        + "ORDER BY created_at, id")
                .bind("tenantId", tenantId)
                .map(NumberRepository::toNumber)
                .all();
    }

    /**
     * Live GO numbers of this instance name whose instance token has this hash: the instance a GO webhook
     * names (one name may live on several GO servers; the token tells them apart). Normally one; the caller
     * decides what several mean.
     */
    public Flux<EvoGoRoute> findLiveEvoGoByInstanceAndTokenHash(String instanceName, String instanceTokenHash) {
        return db.sql("SELECT " + COLUMNS + ", instance_token_hash FROM numbers WHERE provider = 'EVO_GO' "
                        + "AND instance_token_hash = :hash AND account_id = :instanceName AND deleted_at IS NULL LIMIT 2")
                .bind("hash", instanceTokenHash)
                .bind("instanceName", instanceName)
                .map(row -> new EvoGoRoute(toNumber(row), row.get("instance_token_hash", String.class)))
                .all();
    }

    /** Live GO numbers whose instance token has one of these hashes, whatever their instance names. */
    public Flux<EvoGoRoute> findLiveEvoGoByTokenHashes(List<String> instanceTokenHashes) {
        return db.sql("SELECT " + COLUMNS + ", instance_token_hash FROM numbers WHERE provider = 'EVO_GO' "
                        + "AND instance_token_hash = ANY(:hashes) AND deleted_at IS NULL")
                .bind("hashes", instanceTokenHashes.toArray(String[]::new))
                .map(row -> new EvoGoRoute(toNumber(row), row.get("instance_token_hash", String.class)))
                .all();
    }

    /** The live META number Meta names by its phone-number-id in a webhook, if any. */
    public Mono<BusinessNumber> findLiveMetaByPhoneNumberId(String phoneNumberId) {
        return db.sql("SELECT " + COLUMNS + " FROM numbers WHERE provider = 'META' "
                        + "AND account_id = :phoneNumberId AND deleted_at IS NULL")
                .bind("phoneNumberId", phoneNumberId)
                .map(NumberRepository::toNumber)
                .one();
    }

    /** Whether some live META number was registered with this verify token (Meta's subscription handshake). */
    public Mono<Boolean> existsLiveMetaWithVerifyTokenHash(String verifyTokenHash) {
        return db.sql("SELECT 1 FROM numbers WHERE provider = 'META' AND verify_token_hash = :hash "
                        + "AND deleted_at IS NULL LIMIT 1")
                .bind("hash", verifyTokenHash)
                .map(row -> true)
                .first()
                .defaultIfEmpty(false);
    }

    /** Live GO numbers with this instance token (normally one; the caller decides what several mean). */
    public Flux<EvoGoRoute> findLiveEvoGoByInstanceTokenHash(String instanceTokenHash) {
        return db.sql("SELECT " + COLUMNS + ", instance_token_hash FROM numbers WHERE provider = 'EVO_GO' "
                        + "AND instance_token_hash = :hash AND deleted_at IS NULL LIMIT 2")
                .bind("hash", instanceTokenHash)
                .map(row -> new EvoGoRoute(toNumber(row), row.get("instance_token_hash", String.class)))
                .all();
    }

    private static BusinessNumber toNumber(Readable row) {
        String kind = row.get("provider", String.class);
        URI baseUrl = URI.create(row.get("base_url", String.class));
        String accountId = row.get("account_id", String.class);
        ProviderEndpoint endpoint = switch (ProviderKind.parse(kind)) {
            case EVO_GO -> new ProviderEndpoint.EvoGo(baseUrl, accountId);
            case META -> new ProviderEndpoint.Meta(baseUrl, accountId);
            case UNKNOWN -> new ProviderEndpoint.Unsupported(kind, baseUrl, accountId);
        };
        return new BusinessNumber(
                row.get("id", String.class),
                row.get("tenant_id", String.class),
                row.get("phone", String.class),
                row.get("display_name", String.class),
                endpoint,
                row.get("encrypted_credentials", String.class),
                row.get("version", Long.class),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }

    /** The unique identity of a GO number's instance ({@link GoInstanceIdentity}); null for other providers. */
    private static String goInstanceKey(ProviderEndpoint endpoint) {
        return endpoint instanceof ProviderEndpoint.EvoGo go ? GoInstanceIdentity.key(go.baseUrl(), go.instanceName())
                : null;
    }

    private static DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name,
            String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
