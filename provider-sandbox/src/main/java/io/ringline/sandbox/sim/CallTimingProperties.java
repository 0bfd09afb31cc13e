package io.ringline.sandbox.sim;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How long simulated calls ring, wait and linger, shared by both providers. */
@ConfigurationProperties("sandbox")
public record CallTimingProperties(
        @DefaultValue("30s") Duration noAnswerTimeout,
        @DefaultValue("60s") Duration acceptWindow,
        @DefaultValue("50ms") Duration ringingDelayMin,
        @DefaultValue("150ms") Duration ringingDelayMax,
        @DefaultValue("1h") Duration retention) {

    /** Real providers report ringing after a network round trip whose length varies; so does the simulator. */
    public Duration randomRingingDelay() {
        long min = ringingDelayMin.toMillis();
        long max = Math.max(min, ringingDelayMax.toMillis());
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(min, max + 1));
    }
}
