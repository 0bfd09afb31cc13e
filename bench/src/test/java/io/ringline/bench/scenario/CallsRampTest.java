package io.ringline.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.bench.load.LatencySummary;
import io.ringline.bench.load.RunResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The calls ramp draws a cost curve past the latency bound, and stops once a step tells nothing more. */
class CallsRampTest {

    private static RunResult step(double offered, double achieved, double p99Ms, Map<String, Long> errors) {
        return new RunResult((long) (offered * 8), (long) (achieved * 8), errors,
                new LatencySummary((long) (achieved * 8), p99Ms / 2, p99Ms * 0.9, p99Ms, p99Ms * 1.2),
                offered, achieved, 1, 8);
    }

    @Test
    void aStepThatMissesOnlyTheLatencyBoundDoesNotEndTheRamp() {
        assertThat(CallsScenario.keepsClimbing(step(10, 9.9, 180, Map.of()))).isTrue();
    }

    @Test
    void errorsFallingBehindOrCollapsedLatencyEndIt() {
        assertThat(CallsScenario.keepsClimbing(step(10, 9.9, 80, Map.of("503", 1L)))).isFalse();
        assertThat(CallsScenario.keepsClimbing(step(50, 40, 80, Map.of()))).isFalse();
        assertThat(CallsScenario.keepsClimbing(step(20, 19.8, 1_500, Map.of()))).isFalse();
    }
}
