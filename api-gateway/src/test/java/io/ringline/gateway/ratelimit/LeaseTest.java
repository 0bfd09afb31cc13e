package io.ringline.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The local side of a lease: spending, expiry, refusing after the shared bucket ran dry, one refill at a time. */
class LeaseTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicInteger refills = new AtomicInteger();
    // 10 tokens/s, burst 20; leases of 5 tokens valid for 10 s, a lease window of 0.3 s.
    private final Lease lease = new Lease(new BucketLimit(10, 20), 5, 10 * SECOND, SECOND * 3 / 10);

    @Test
    void anEmptyLeaseAsksForOneRefillWhichEveryWaitingRequestShares() {
        Lease.Take first = lease.tryTake(0, this::refill);
        Lease.Take second = lease.tryTake(0, this::refill);

        assertThat(first).isInstanceOf(Lease.Take.Refill.class);
        assertThat(((Lease.Take.Refill) second).done()).isSameAs(((Lease.Take.Refill) first).done());
        assertThat(refills).hasValue(1);
    }

    @Test
    void grantedTokensAreSpentLocallyOneRequestAtATime() {
        lease.tryTake(0, this::refill);
        lease.granted(5, 12.4, 0);

        for (int i = 4; i >= 0; i--) {
            assertThat(lease.tryTake(1, this::refill)).isEqualTo(new Lease.Take.Allowed(i + 12));
        }
        assertThat(lease.tryTake(1, this::refill)).isInstanceOf(Lease.Take.Refill.class);
        assertThat(refills).hasValue(2);
    }

    @Test
    void leasedTokensExpireUnusedAndAreNotSpentLater() {
        lease.tryTake(0, this::refill);
        lease.granted(5, 0, 0);

        assertThat(lease.tryTake(10 * SECOND, this::refill)).isInstanceOf(Lease.Take.Refill.class);
    }

    @Test
    void afterTheSharedBucketRanDryRequestsAreRefusedHereForALeaseWindowAtMost() {
        lease.tryTake(0, this::refill);
        lease.granted(0, 0.5, 0); // a token in 0.05 s, a whole lease (4.5 tokens more) in 0.45 s: the window, 0.3 s

        Lease.Take refused = lease.tryTake(SECOND / 10, this::refill);
        assertThat(refused).isInstanceOf(Lease.Take.Refused.class);
        assertThat(((Lease.Take.Refused) refused).retryAfterNanos()).isEqualTo(SECOND * 3 / 10 - SECOND / 10);
        assertThat(refills).as("no database round trip while refused").hasValue(1);

        assertThat(lease.tryTake(SECOND * 3 / 10, this::refill)).isInstanceOf(Lease.Take.Refill.class);
        assertThat(refills).hasValue(2);
    }

    @Test
    void aSlowBucketIsRefusedUntilItsNextTokenNotItsWholeLease() {
        Lease slow = new Lease(new BucketLimit(0.5, 10), 5, 10 * SECOND, SECOND * 3 / 10);
        slow.tryTake(0, this::refill);
        slow.granted(0, 0, 0);

        Lease.Take refused = slow.tryTake(0, this::refill);
        assertThat(((Lease.Take.Refused) refused).retryAfterNanos()).isEqualTo(2 * SECOND);
    }

    @Test
    void aTokenGivenBackIsSpentByTheNextRequest() {
        lease.tryTake(0, this::refill);
        lease.granted(1, 0, 0);
        assertThat(lease.tryTake(1, this::refill)).isInstanceOf(Lease.Take.Allowed.class);

        lease.giveBack(2);

        assertThat(lease.tryTake(3, this::refill)).isInstanceOf(Lease.Take.Allowed.class);
        assertThat(lease.tryTake(4, this::refill)).isInstanceOf(Lease.Take.Refill.class);
    }

    @Test
    void aFailedRefillLetsTheNextRequestTryAgain() {
        lease.tryTake(0, this::refill);
        lease.failed();

        assertThat(lease.tryTake(1, this::refill)).isInstanceOf(Lease.Take.Refill.class);
        assertThat(refills).hasValue(2);
    }

    @Test
    void leaseSizeIsTheWindowsWorthOfRateWithinMinimumAndBurst() {
        var props = new RateLimitProperties.Lease(java.time.Duration.ofMillis(100), 5, java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(1));

        assertThat(props.size(new BucketLimit(2000, 4000))).isEqualTo(200);
        assertThat(props.size(new BucketLimit(20, 50))).as("at least min-tokens").isEqualTo(5);
        assertThat(props.size(new BucketLimit(20, 3))).as("never more than the burst").isEqualTo(3);
        assertThat(props.size(new BucketLimit(0.01, 1))).isEqualTo(1);
    }

    private Mono<Void> refill() {
        refills.incrementAndGet();
        return Mono.empty();
    }
}
