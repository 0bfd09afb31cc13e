package io.ringline.fanout.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.fanout.delivery.persistence.DeliveryRepository;
import io.ringline.fanout.subscription.EventName;
import io.ringline.fanout.subscription.EventSelection;
import io.ringline.fanout.subscription.NewSubscription;
import io.ringline.fanout.subscription.Subscription;
import io.ringline.fanout.subscription.persistence.SubscriptionRepository;
import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.platform.ids.Ids;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;

/**
 * Claiming work in PostgreSQL: several instances share due deliveries without double-sending, a
 * crashed instance's leases expire, and no endpoint gets more than its slots. The rows here are due a
 * day from now, so the running dispatcher (real clock) leaves them to the test.
 */
class DeliveryClaimIntegrationTest extends FanoutIntegrationTest {

    static final Duration LEASE = Duration.ofSeconds(60);

    @Autowired
    DeliveryRepository deliveries;

    @Autowired
    SubscriptionRepository subscriptions;

    final Instant dueAt = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
    final Instant now = dueAt.plusSeconds(1);

    private Subscription subscriptionWithDue(int count) {
        return subscriptionWithDue(count, newTenant(), "https://x.example.com");
    }

    private Subscription subscriptionWithDue(int count, String tenantId, String url) {
        Subscription s = Subscription.create(tenantId, new NewSubscription(null, url,
                EventSelection.of(List.of("*")), List.of()), "v1.sealed", Instant.now());
        subscriptions.insert(s).block(Duration.ofSeconds(10));
        List<Delivery> rows = IntStream.range(0, count)
                .mapToObj(i -> Delivery.create(s.id(), s.tenantId(), Ids.newId("evt"), EventName.CALL_RINGING, "{}", dueAt))
                .toList();
        deliveries.insertAll(rows).block(Duration.ofSeconds(10));
        return s;
    }

    private List<ClaimedDelivery> claim(Instant at, int limit, int perEndpoint, Map<String, Integer> busy) {
        return deliveries.claim(at, LEASE, Ids.newId("lease"), limit, perEndpoint, busy).block(Duration.ofSeconds(10));
    }

    private static Set<String> ids(List<ClaimedDelivery> claimed) {
        return claimed.stream().map(c -> c.delivery().id()).collect(Collectors.toSet());
    }

    @Test
    void concurrentClaimsNeverShareADelivery() {
        Subscription a = subscriptionWithDue(4);
        Subscription b = subscriptionWithDue(4);
        List<List<ClaimedDelivery>> results = Mono.zip(
                        deliveries.claim(now, LEASE, "lease-1", 100, 4, Map.of()),
                        deliveries.claim(now, LEASE, "lease-2", 100, 4, Map.of()),
                        deliveries.claim(now, LEASE, "lease-3", 100, 4, Map.of()))
                .map(t -> List.of(t.getT1(), t.getT2(), t.getT3()))
                .block(Duration.ofSeconds(10));
        Set<String> all = new HashSet<>();
        int total = 0;
        for (List<ClaimedDelivery> r : results) {
            all.addAll(ids(r));
            total += r.size();
        }
        Set<String> ours = results.stream().flatMap(List::stream)
                .filter(c -> Set.of(a.id(), b.id()).contains(c.delivery().subscriptionId()))
                .map(c -> c.delivery().id()).collect(Collectors.toSet());
        assertThat(ours).hasSize(8);
        assertThat(all).hasSize(total); // no delivery handed to two claimers
    }

    @Test
    void manyClaimersRacingOverHundredsOfDeliveriesTakeEachExactlyOnce() {
        List<Subscription> subs = IntStream.range(0, 10).mapToObj(i -> subscriptionWithDue(20)).toList();
        Set<String> ourSubscriptions = subs.stream().map(Subscription::id).collect(Collectors.toSet());
        List<String> taken = new java.util.ArrayList<>();
        for (int round = 0; round < 20 && taken.size() < 200; round++) {
            List<ClaimedDelivery> claimed = reactor.core.publisher.Flux.range(0, 4)
                    .flatMap(i -> deliveries.claim(now, LEASE, Ids.newId("lease"), 50, 4, Map.of()))
                    .flatMapIterable(list -> list)
                    .filter(c -> ourSubscriptions.contains(c.delivery().subscriptionId()))
                    .collectList()
                    .block(Duration.ofSeconds(10));
            claimed.forEach(c -> taken.add(c.delivery().id()));
        }
        assertThat(taken).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void aLeasedDeliveryIsInvisibleUntilItsLeaseExpires() {
        Subscription s = subscriptionWithDue(1);
        List<ClaimedDelivery> first = ofSubscription(claim(now, 100, 4, Map.of()), s);
        assertThat(first).hasSize(1);
        assertThat(first.getFirst().url()).isEqualTo("https://x.example.com");
        assertThat(first.getFirst().secrets().current()).isEqualTo("v1.sealed");

        assertThat(ofSubscription(claim(now.plusSeconds(30), 100, 4, Map.of()), s)).isEmpty();

        // The first claimer crashed: after the lease another instance takes the delivery over...
        List<ClaimedDelivery> takeover = ofSubscription(claim(now.plus(LEASE).plusSeconds(1), 100, 4, Map.of()), s);
        assertThat(ids(takeover)).isEqualTo(ids(first));
        // ...and a late answer from the first claimer cannot overwrite it.
        Delivery late = Delivery.restore(first.getFirst().delivery());
        late.recordAttempt(AttemptResult.response(now, Duration.ZERO, 200, "", null), now,
                new RetryPolicy(List.of(Duration.ofSeconds(1)), 0, Duration.ofHours(1)));
        assertThat(deliveries.saveOutcome(late, first.getFirst().leaseToken()).block(Duration.ofSeconds(10))).isFalse();
        assertThat(deliveries.saveOutcome(late, takeover.getFirst().leaseToken()).block(Duration.ofSeconds(10))).isTrue();
        assertThat(ofSubscription(claim(now.plus(LEASE.multipliedBy(3)), 100, 4, Map.of()), s)).isEmpty();
    }

    @Test
    void noEndpointGetsMoreThanItsFreeSlots() {
        Subscription crowded = subscriptionWithDue(6);
        assertThat(ofSubscription(claim(now, 100, 4, Map.of()), crowded)).hasSize(4);

        Subscription busy = subscriptionWithDue(6);
        assertThat(ofSubscription(claim(now, 100, 4, Map.of(busy.id(), 1)), busy)).hasSize(1);
        assertThat(ofSubscription(claim(now, 100, 4, Map.of(busy.id(), 0)), busy)).isEmpty();
    }

    @Test
    void subscriptionsOfAnyTenantOnOneHostShareItsSlotsAndAnotherHostIsUnaffected() {
        String shared = "shared-" + Ids.newId("h").toLowerCase() + ".example.com";
        String other = "other-" + Ids.newId("h").toLowerCase() + ".example.com";
        String tenantA = newTenant();
        String tenantB = newTenant();
        Subscription a1 = subscriptionWithDue(4, tenantA, "https://" + shared + "/a1");
        Subscription a2 = subscriptionWithDue(4, tenantA, "HTTPS://" + shared.toUpperCase() + ":8443/a2?x=1");
        Subscription b1 = subscriptionWithDue(4, tenantB, "https://" + shared + "/b1");
        Subscription b2 = subscriptionWithDue(4, tenantB, "https://" + other + "/b2");

        List<ClaimedDelivery> claimed = deliveries.claim(now, LEASE, Ids.newId("lease"), 100, 4, Map.of(), 5, Map.of())
                .block(Duration.ofSeconds(10));
        List<ClaimedDelivery> onShared = claimed.stream().filter(c -> shared.equals(c.host())).toList();

        assertThat(onShared).as("12 due on the shared host, 5 slots").hasSize(5);
        assertThat(onShared).extracting(c -> c.delivery().tenantId()).contains(tenantA, tenantB);
        assertThat(ofSubscription(claimed, a1).size() + ofSubscription(claimed, a2).size()
                + ofSubscription(claimed, b1).size()).isEqualTo(5);
        assertThat(ofSubscription(claimed, b2)).as("another host keeps its own slots").hasSize(4)
                .allSatisfy(c -> assertThat(c.host()).isEqualTo(other));

        List<ClaimedDelivery> more = deliveries.claim(now, LEASE, Ids.newId("lease"), 100, 4, Map.of(), 5,
                Map.of(shared, 2)).block(Duration.ofSeconds(10));
        assertThat(more.stream().filter(c -> shared.equals(c.host()))).as("a host with 2 slots free gets 2").hasSize(2);
    }

    @Test
    void deliveriesOfInactiveSubscriptionsAreNotClaimed() {
        Subscription s = subscriptionWithDue(2);
        s.disable(io.ringline.fanout.subscription.DisableReason.BY_TENANT, Instant.now());
        subscriptions.update(s).block(Duration.ofSeconds(10));
        assertThat(ofSubscription(claim(now, 100, 4, Map.of()), s)).isEmpty();
    }

    private static List<ClaimedDelivery> ofSubscription(List<ClaimedDelivery> claimed, Subscription s) {
        return claimed.stream().filter(c -> c.delivery().subscriptionId().equals(s.id())).toList();
    }
}
