package io.ringline.sandbox.sim.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How often ended calls are swept: a quarter of the retention, between one second and one minute. */
class SimulatedCallRetentionTest {

    @ParameterizedTest(name = "retention {0} → sweep every {1}")
    @CsvSource({"PT1H, PT1M", "PT4M, PT1M", "PT2M, PT30S", "PT20S, PT5S", "PT2S, PT1S", "PT0.1S, PT1S"})
    void sweepsAQuarterOfTheRetentionWithinBounds(Duration retention, Duration expected) {
        assertThat(SimulatedCallRetention.sweepInterval(retention)).isEqualTo(expected);
    }
}
