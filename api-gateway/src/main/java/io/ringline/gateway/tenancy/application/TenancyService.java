package io.ringline.gateway.tenancy.application;

import io.ringline.gateway.tenancy.ApiKey;
import io.ringline.gateway.tenancy.ApiKeyRevoked;
import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.CredentialsSealer;
import io.ringline.gateway.tenancy.NumberChange;
import io.ringline.gateway.tenancy.NumberRegistration;
import io.ringline.gateway.tenancy.NumbersChanged;
import io.ringline.gateway.tenancy.ProviderCredentials;
import io.ringline.gateway.tenancy.Tenant;
import io.ringline.gateway.tenancy.messaging.NumberPublisher;
import io.ringline.gateway.tenancy.persistence.ApiKeyRepository;
import io.ringline.gateway.tenancy.persistence.NumberRepository;
import io.ringline.gateway.tenancy.persistence.TenantRepository;
import io.ringline.platform.crypto.Hashing;
import io.ringline.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Tenants, their numbers and their API keys: every tenancy change goes through here. */
@Service
public class TenancyService {

    /** What Ringline's ids are made of ({@code num_<ULID>}, {@code key_<ULID>}). */
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    /** A tenant as the operator creates it: with a first tenant key, so the tenant can start at once. */
    public record NewTenant(Tenant tenant, ApiKey.Issued apiKey) {
    }

    private static final String FIRST_KEY_NAME = "default";
    static final String NUMBER_ALREADY_EXISTS = "NUMBER_ALREADY_EXISTS";
    static final String NUMBER_ALREADY_EXISTS_MESSAGE = "This number cannot be registered: its phone number or "
            + "provider account is already connected";

    private final TenantRepository tenants;
    private final NumberRepository numbers;
    private final ApiKeyRepository keys;
    private final CredentialsSealer sealer;
    private final NumberPublisher publisher;
    private final TransactionalOperator tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public TenancyService(TenantRepository tenants, NumberRepository numbers, ApiKeyRepository keys,
            CredentialsSealer sealer, NumberPublisher publisher, TransactionalOperator tx,
            ApplicationEventPublisher events, Clock clock) {
        this.tenants = tenants;
        this.numbers = numbers;
        this.keys = keys;
        this.sealer = sealer;
        this.publisher = publisher;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    public Mono<NewTenant> createTenant(String name) {
        return Mono.defer(() -> {
            Instant now = now();
            Tenant tenant = Tenant.create(name, now);
            ApiKey.Issued key = ApiKey.issue(tenant.id(), null, FIRST_KEY_NAME, now);
            return tenants.insert(tenant).then(keys.insert(key.key()))
                    .as(tx::transactional)
                    .thenReturn(new NewTenant(tenant, key));
        });
    }

    // --- numbers ---------------------------------------------------------------------------------

    public Mono<BusinessNumber> registerNumber(String tenantId, NumberRegistration registration) {
        return Mono.defer(() -> {
            Instant now = now();
            BusinessNumber number = new BusinessNumber(io.ringline.platform.ids.Ids.newId("num"), tenantId,
                    registration.phone(), registration.displayName(), registration.endpoint(),
                    sealer.seal(registration.credentials()), 1, now, now);
            return numbers.insert(number, instanceTokenHash(registration.credentials()),
                            verifyTokenHash(registration.credentials()))
                    .then(publisher.publish(number.id()))
                    .as(tx::transactional)
                    .onErrorMap(DuplicateKeyException.class, TenancyService::conflict)
                    .then(Mono.fromRunnable(() -> events.publishEvent(new NumbersChanged(number.id()))))
                    .thenReturn(number);
        });
    }

    public Flux<BusinessNumber> listNumbers(String tenantId) {
        return numbers.listLive(tenantId);
    }

    /** @throws ApiException 404 NUMBER_NOT_FOUND for a number of another tenant, too */
    public Mono<BusinessNumber> getNumber(String tenantId, String numberId) {
        if (!isId(numberId)) {
            return Mono.error(TenancyService::numberNotFound);
        }
        return numbers.findLive(tenantId, numberId).switchIfEmpty(Mono.error(TenancyService::numberNotFound));
    }

    public Mono<BusinessNumber> updateNumber(String tenantId, String numberId, NumberChange change) {
        return getNumber(tenantId, numberId).flatMap(current -> {
            ProviderCredentials credentials = mergedCredentials(current, change.credentials());
            String displayName = change.clearDisplayName() ? null
                    : change.displayName() != null ? change.displayName() : current.displayName();
            BusinessNumber updated = new BusinessNumber(current.id(), current.tenantId(), current.phone(), displayName,
                    change.applyTo(current.endpoint()),
                    change.credentials() == null ? current.encryptedCredentials() : sealer.seal(credentials),
                    current.version() + 1, current.createdAt(), now());
            return numbers.update(updated, instanceTokenHash(credentials), verifyTokenHash(credentials))
                    .flatMap(saved -> saved ? publisher.publish(updated.id()).thenReturn(updated)
                            : Mono.error(new ApiException(HttpStatus.CONFLICT, "CONCURRENT_UPDATE",
                                    "The number was changed by another request; read it again and retry")))
                    .as(tx::transactional)
                    .onErrorMap(DuplicateKeyException.class, TenancyService::conflict)
                    .doOnNext(saved -> events.publishEvent(new NumbersChanged(saved.id())));
        });
    }

    /** Deletes the number and revokes its number-scoped keys in one transaction. */
    public Mono<Void> deleteNumber(String tenantId, String numberId) {
        if (!isId(numberId)) {
            return Mono.error(TenancyService::numberNotFound);
        }
        Instant now = now();
        return numbers.markDeleted(tenantId, numberId, now)
                .flatMap(deleted -> deleted ? publisher.publish(numberId).then(keys.revokeAllOfNumber(numberId, now))
                        : Mono.error(TenancyService::numberNotFound))
                .as(tx::transactional)
                .doOnNext(hashes -> {
                    events.publishEvent(new NumbersChanged(numberId));
                    events.publishEvent(new ApiKeyRevoked(hashes));
                })
                .then();
    }

    private ProviderCredentials mergedCredentials(BusinessNumber current, ProviderCredentials change) {
        if (change == null) {
            return sealer.open(current.provider(), current.encryptedCredentials());
        }
        return switch (change) {
            case ProviderCredentials.EvoGo go -> go;
            case ProviderCredentials.Meta meta -> {
                var old = (ProviderCredentials.Meta) sealer.open(current.provider(), current.encryptedCredentials());
                yield new ProviderCredentials.Meta(
                        meta.accessToken() != null ? meta.accessToken() : old.accessToken(),
                        meta.appSecret() != null ? meta.appSecret() : old.appSecret(),
                        meta.verifyToken() != null ? meta.verifyToken() : old.verifyToken());
            }
        };
    }

    // --- API keys --------------------------------------------------------------------------------

    /** @param numberId null for a tenant-scoped key; else a number of this tenant */
    public Mono<ApiKey.Issued> issueKey(String tenantId, String name, String numberId) {
        Mono<Void> numberCheck = numberId == null ? Mono.empty() : getNumber(tenantId, numberId).then();
        return numberCheck.then(Mono.defer(() -> {
            ApiKey.Issued issued = ApiKey.issue(tenantId, numberId, name, now());
            return keys.insert(issued.key()).thenReturn(issued);
        }));
    }

    public Flux<ApiKey> listKeys(String tenantId) {
        return keys.listActive(tenantId);
    }

    public Mono<Void> revokeKey(String tenantId, String keyId) {
        if (!isId(keyId)) {
            return Mono.error(TenancyService::keyNotFound);
        }
        return keys.findActive(tenantId, keyId)
                .switchIfEmpty(Mono.error(TenancyService::keyNotFound))
                .flatMap(key -> {
                    ApiKey revoked = key.revoke(now());
                    return keys.saveRevocation(revoked).flatMap(saved -> saved
                            ? Mono.fromRunnable(() -> events.publishEvent(new ApiKeyRevoked(List.of(key.keyHash()))))
                            : Mono.error(TenancyService::keyNotFound));
                })
                .then();
    }

    // ---------------------------------------------------------------------------------------------

    private Instant now() {
        // Milliseconds: what the API shows, and exactly what PostgreSQL gives back.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Whether a caller-given id could name a row at all. Anything else is simply not found — and never reaches
     * PostgreSQL, which refuses text holding NUL with an error the caller would see as a 500.
     */
    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static String instanceTokenHash(ProviderCredentials credentials) {
        return credentials instanceof ProviderCredentials.EvoGo go ? Hashing.sha256Hex(go.instanceToken()) : null;
    }

    private static String verifyTokenHash(ProviderCredentials credentials) {
        return credentials instanceof ProviderCredentials.Meta meta && meta.verifyToken() != null
                ? Hashing.sha256Hex(meta.verifyToken()) : null;
    }

    /**
     * Any unique index of the numbers table refused the write: the phone, the Meta phone-number id or the GO
     * instance is connected already, in this tenant or another. One answer for all of them, byte for byte, so
     * nobody learns which value another tenant registered. Checking first would only add a race: the index is
     * the check, and a concurrent insert lands here the same way.
     */
    private static ApiException conflict(DuplicateKeyException e) {
        return new ApiException(HttpStatus.CONFLICT, NUMBER_ALREADY_EXISTS, NUMBER_ALREADY_EXISTS_MESSAGE);
    }

    static ApiException numberNotFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "NUMBER_NOT_FOUND", "Number not found");
    }

    private static ApiException keyNotFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "API_KEY_NOT_FOUND", "API key not found");
    }
}
