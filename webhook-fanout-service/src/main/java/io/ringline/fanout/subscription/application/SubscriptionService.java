package io.ringline.fanout.subscription.application;

import io.ringline.fanout.config.FanoutProperties;
import io.ringline.fanout.subscription.NewSubscription;
import io.ringline.fanout.subscription.Subscription;
import io.ringline.fanout.subscription.SubscriptionChanges;
import io.ringline.fanout.subscription.SubscriptionEffects;
import io.ringline.fanout.subscription.SubscriptionEvent;
import io.ringline.fanout.subscription.WebhookSecret;
import io.ringline.fanout.subscription.persistence.SubscriptionRepository;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.platform.persistence.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Use cases of the subscription API. {@code numberId}, when given, restricts every operation to the
 * subscriptions a number-scoped caller may see ({@link Subscription#visibleTo}); anything else is
 * reported as absent, indistinguishable from a missing id.
 */
@Service
public class SubscriptionService {

    /** A new subscription and its secret in clear, which exists only until the creation response is written. */
    public record Created(Subscription subscription, WebhookSecret secret) {
    }

    private record Changed(Subscription subscription, List<SubscriptionEvent> events) {
    }

    private final SubscriptionRepository repository;
    private final Transactions transactions;
    private final SecretBox secretBox;
    private final SubscriptionEffects effects;
    private final Clock clock;
    private final Duration rotationGrace;

    public SubscriptionService(SubscriptionRepository repository, Transactions transactions, SecretBox secretBox,
            SubscriptionEffects effects, Clock clock, FanoutProperties props) {
        this.repository = repository;
        this.transactions = transactions;
        this.secretBox = secretBox;
        this.effects = effects;
        this.clock = clock;
        this.rotationGrace = props.secretRotationGrace();
    }

    public Mono<Created> create(String tenantId, NewSubscription spec) {
        return Mono.defer(() -> {
            WebhookSecret secret = WebhookSecret.generate();
            Subscription subscription = Subscription.create(tenantId, spec, secretBox.encrypt(secret.value()),
                    clock.instant());
            return transactions.inTransaction(() -> repository.insert(subscription))
                    .thenReturn(new Created(subscription, secret));
        });
    }

    public Flux<Subscription> list(String tenantId, String numberId) {
        return repository.list(tenantId).filter(s -> s.visibleTo(numberId));
    }

    public Mono<Subscription> get(String tenantId, String id, String numberId) {
        return repository.find(tenantId, id).filter(s -> s.visibleTo(numberId));
    }

    public Mono<Subscription> update(String tenantId, String id, String numberId, SubscriptionChanges changes) {
        return transactions.inTransaction(() -> repository.find(tenantId, id)
                        .filter(s -> s.visibleTo(numberId))
                        .flatMap(subscription -> {
                            Instant now = clock.instant();
                            List<SubscriptionEvent> events = subscription.update(changes, now);
                            return repository.update(subscription)
                                    .then(effects.apply(events, now))
                                    .thenReturn(new Changed(subscription, events));
                        }))
                .doOnNext(changed -> effects.committed(changed.events()))
                .map(Changed::subscription);
    }

    /**
     * Replaces the signing secret; the replaced one keeps signing next to it for the grace period. Emits the
     * new secret in clear (shown once), or nothing when the subscription is not there (or not visible).
     */
    public Mono<WebhookSecret> rotateSecret(String tenantId, String id, String numberId) {
        return Mono.defer(() -> {
            WebhookSecret secret = WebhookSecret.generate();
            String sealed = secretBox.encrypt(secret.value());
            return transactions.inTransaction(() -> repository.find(tenantId, id)
                    .filter(s -> s.visibleTo(numberId))
                    .flatMap(s -> repository.signingSecrets(id))
                    .flatMap(current -> {
                        Instant now = clock.instant();
                        return repository.saveSecrets(id, current.current(),
                                current.rotate(sealed, now, rotationGrace), now).thenReturn(secret);
                    }));
        });
    }

    /** Emits true when it existed (and was visible); its deliveries and their log go with it. */
    public Mono<Boolean> delete(String tenantId, String id, String numberId) {
        return transactions.inTransaction(() -> repository.find(tenantId, id)
                        .filter(s -> s.visibleTo(numberId))
                        .flatMap(s -> repository.delete(tenantId, id)))
                .defaultIfEmpty(false);
    }
}
