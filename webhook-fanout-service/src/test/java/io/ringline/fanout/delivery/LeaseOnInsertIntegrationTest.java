package io.ringline.fanout.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.fanout.delivery.persistence.DeliveryRepository;
import io.ringline.fanout.delivery.persistence.DeliveryRepository.Inserted;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A call-events poll leases the deliveries it creates in the same statement ({@code launch-created}), so this
 * instance sends them without a claim round — but only those it holds slots for, and only when their endpoint has
 * nothing due waiting in the queue: a new delivery never overtakes one that is ahead in line for a claim. The rows
 * here are due a day from now, so the running dispatcher (real clock) leaves them to the test.
 */
class LeaseOnInsertIntegrationTest extends FanoutIntegrationTest {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    DeliveryRepository deliveries;

    @Autowired
    SubscriptionRepository subscriptions;

    final Instant now = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);

    @Test
    void aNewDeliveryIsLeasedByTheInsertThatCreatesItWithWhatSendingNeeds() {
        Subscription s = subscription("https://Hooks.Example.com:8443/in");
        Delivery d = delivery(s, now);

        Inserted inserted = insert(List.of(d), Set.of(d.snapshot().id()), "tok-1");

        assertThat(inserted.count()).isEqualTo(1);
        assertThat(inserted.leased()).singleElement().satisfies(c -> {
            assertThat(c.delivery()).isEqualTo(d.snapshot());
            assertThat(c.url()).isEqualTo("https://Hooks.Example.com:8443/in");
            assertThat(c.secrets().current()).isEqualTo("v1.sealed");
            assertThat(c.leaseToken()).isEqualTo("tok-1");
            assertThat(c.host()).isEqualTo("hooks.example.com");
        });
        // Leased: no claim takes it while the lease runs; after it (the instance died before sending), one does.
        assertThat(claimedOf(s, now)).isEmpty();
        assertThat(claimedOf(s, now.plus(LEASE).plusSeconds(1))).containsExactly(d.snapshot().id());
    }

    @Test
    void aNewDeliveryWaitsBehindOneOfItsEndpointThatIsDueAndNotLeased() {
        Subscription s = subscription("https://x.example.com");
        Delivery waiting = delivery(s, now.minusSeconds(5));
        insert(List.of(waiting), Set.of(), "");
        Delivery fresh = delivery(s, now);

        Inserted inserted = insert(List.of(fresh), Set.of(fresh.snapshot().id()), "tok-2");

        assertThat(inserted.count()).isEqualTo(1);
        assertThat(inserted.leased()).isEmpty();
        assertThat(claimedOf(s, now)).containsExactlyInAnyOrder(waiting.snapshot().id(), fresh.snapshot().id());
    }

    @Test
    void deliveriesInFlightOrWaitingForTheirRetryDoNotHoldANewOneBack() {
        Subscription s = subscription("https://x.example.com");
        Delivery inFlight = delivery(s, now.minusSeconds(5));
        Delivery retryLater = delivery(s, now.plusSeconds(300));
        insert(List.of(inFlight, retryLater), Set.of(), "");
        assertThat(claimedOf(s, now)).containsExactly(inFlight.snapshot().id()); // leased now, being sent
        Delivery fresh = delivery(s, now);

        Inserted inserted = insert(List.of(fresh), Set.of(fresh.snapshot().id()), "tok-3");

        assertThat(inserted.leased()).extracting(c -> c.delivery().id()).containsExactly(fresh.snapshot().id());
    }

    @Test
    void onlyTheDeliveriesSlotsAreHeldForAreLeasedAndAnExistingOneNeither() {
        Subscription s = subscription("https://x.example.com");
        Delivery held = delivery(s, now);
        Delivery notHeld = delivery(s, now);
        Delivery existing = delivery(s, now.plusSeconds(300)); // waiting for a retry: does not hold the others back
        insert(List.of(existing), Set.of(), "");
        Delivery again = Delivery.create(s.id(), s.tenantId(), existing.snapshot().eventId(), EventName.CALL_RINGING,
                "{}", now); // the same event for the same endpoint: a redelivered poll

        Inserted inserted = insert(List.of(held, notHeld, again),
                Set.of(held.snapshot().id(), again.snapshot().id()), "tok-4");

        assertThat(inserted.count()).isEqualTo(2);
        assertThat(inserted.leased()).extracting(c -> c.delivery().id()).containsExactly(held.snapshot().id());
        assertThat(claimedOf(s, now)).containsExactly(notHeld.snapshot().id());
    }

    private Subscription subscription(String url) {
        Subscription s = Subscription.create(newTenant(), new NewSubscription(null, url,
                EventSelection.of(List.of("*")), List.of()), "v1.sealed", Instant.now());
        subscriptions.insert(s).block(WAIT);
        return s;
    }

    private static Delivery delivery(Subscription s, Instant at) {
        return Delivery.create(s.id(), s.tenantId(), Ids.newId("evt"), EventName.CALL_RINGING, "{}", at);
    }

    private Inserted insert(List<Delivery> rows, Set<String> leaseIds, String token) {
        return deliveries.insertAll(rows, leaseIds, token, now.plus(LEASE), now).block(WAIT);
    }

    /** What a claim at {@code at} leases of {@code s}'s deliveries. */
    private List<String> claimedOf(Subscription s, Instant at) {
        return deliveries.claim(at, LEASE, Ids.newId("lease"), 1000, 4, Map.of()).block(WAIT).stream()
                .filter(c -> c.delivery().subscriptionId().equals(s.id()))
                .map(c -> c.delivery().id())
                .toList();
    }
}
