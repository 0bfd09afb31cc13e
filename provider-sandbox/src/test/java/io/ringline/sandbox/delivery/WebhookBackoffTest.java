package io.ringline.sandbox.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.sandbox.sim.call.SimulatedProvider;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Simulated Meta retries like Meta: waits double up to a cap, long enough to ride out a receiver's restart. */
class WebhookBackoffTest {

    private final WebhookProperties defaults = new WebhookProperties(Duration.ofSeconds(5), 10, 1,
            Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void waitsDoubleFromTheFirstUpToTheCap() {
        assertThat(IntStream.rangeClosed(1, 9).mapToObj(defaults::backoff).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    @Test
    void metaKeepsTryingForMinutesAndEvolutionGoFiresOnce() {
        Duration total = IntStream.range(1, defaults.maxAttempts(SimulatedProvider.META)).mapToObj(defaults::backoff)
                .reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isGreaterThan(Duration.ofMinutes(3));
        assertThat(defaults.maxAttempts(SimulatedProvider.EVO_GO)).isEqualTo(1);
    }
}
