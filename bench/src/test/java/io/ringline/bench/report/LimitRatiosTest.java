package io.ringline.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.bench.limits.LimitReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitRatiosTest {

    private static final Map<String, LimitReport> LIMITS = Map.of(
            "r2dbc", limit(4_000),
            "webfluxEcho", limit(10_000),
            "kafka", limit(160_000),
            "httpReceiver", limit(30_000));

    @Test
    void aCallIsMeasuredAgainstTheDatabaseInCallsNotInTransactions() {
        Map<String, Double> candidates = LimitRatios.forCalls(LIMITS, Map.of("db.xact_commit", 16.0),
                Map.of("calls.commands", 1.0, "calls.replies", 1.0, "provider.signals", 3.0, "call-events", 3.0), 2);

        assertThat(candidates).containsValues(250.0, 2_500.0, 20_000.0);
        assertThat(candidates.keySet()).as("without the loops' CPU, no parts-together bound")
                .noneMatch(k -> k.startsWith("the bare parts"));
        Ratio ratio = LimitRatios.ratio(20.0, List.of(step(20, 0), step(95, 0), step(120, 7)), candidates);

        assertThat(ratio.limit()).startsWith("R2DBC").contains("÷ 16.00 committed per call");
        assertThat(ratio.limitPerSec()).isEqualTo(250.0);
        assertThat(ratio.value()).isEqualTo(0.08);
        assertThat(ratio.peakPerSec()).as("the step with errors does not count").isEqualTo(95.0);
        assertThat(ratio.peakValue()).isEqualTo(0.38);
    }

    @Test
    void withoutDatabaseCountsTheNextTightestLimitBinds() {
        Map<String, Double> candidates = LimitRatios.forCalls(LIMITS, Map.of(), Map.of("provider.signals", 3.0), 2);

        Ratio ratio = LimitRatios.ratio(null, List.of(step(10, 2)), candidates);

        assertThat(ratio.limit()).startsWith("WebFlux echo").contains("÷ 4.00 per call");
        assertThat(ratio.limitPerSec()).isEqualTo(2_500.0);
        assertThat(ratio.value()).as("nothing sustained").isNull();
        assertThat(ratio.peakValue()).as("no step without errors").isNull();
    }

    @Test
    void deliveriesAndSignalsKeepTheirOwnUnits() {
        assertThat(LimitRatios.ratio(750.0, List.of(step(750, 0)), LimitRatios.forDeliveries(LIMITS)).limitPerSec())
                .isEqualTo(4_000.0);
        assertThat(LimitRatios.ratio(246.0, List.of(), LimitRatios.forSignals(LIMITS, Map.of(),
                Map.of("provider.signals", 1.0, "call-events", 1.0), 2)).limitPerSec()).isEqualTo(10_000.0);
    }

    @Test
    void aSignalIsMeasuredAgainstTheDatabaseInSignalsToo() {
        Ratio ratio = LimitRatios.ratio(246.0, List.of(step(246, 0), step(370, 0)), LimitRatios.forSignals(LIMITS,
                Map.of("db.xact_commit", 5.0), Map.of("provider.signals", 1.0, "call-events", 1.0), 2));

        assertThat(ratio.limit()).startsWith("R2DBC").contains("÷ 5.00 committed per signal");
        assertThat(ratio.limitPerSec()).as("4,000 transactions/s at 5 a signal, below the echo's 10,000/s")
                .isEqualTo(800.0);
        assertThat(ratio.value()).isEqualTo(0.308);
        assertThat(ratio.peakValue()).isEqualTo(0.463);
    }

    @Test
    void aCallNeedsEveryPartAtOnceSoTheirCpuTogetherBindsBelowTheTightestAlone() {
        // Each bare loop used both cores: 2,000 ms of CPU per second over its rate.
        Map<String, LimitReport> limits = Map.of(
                "r2dbc", limit(10_000, Map.of("postgresql", 0.1, "load generator", 0.1)),
                "kafka", limit(200_000, Map.of("kafka (launcher JVM)", 0.004, "load generator", 0.006)),
                "webfluxEcho", limit(40_000, Map.of("echo-server", 0.025, "load generator", 0.025)),
                "httpReceiver", limit(60_000, Map.of("load generator", 0.03)));

        Map<String, Double> candidates = LimitRatios.forCalls(limits, Map.of("db.xact_commit", 6.0),
                Map.of("calls.commands", 1.0, "calls.replies", 1.0, "provider.signals", 3.0, "call-events", 3.0), 2);
        Ratio ratio = LimitRatios.ratio(200.0, List.of(step(200, 0)), candidates);

        // 6 × 0.2 + 8 × 0.01 + (4 in + 4 out) × 0.05 = 1.68 ms per call; 2,000 ms / 1.68 ≈ 1,190 calls/s, below the
        // database alone (10,000 / 6 ≈ 1,667).
        assertThat(ratio.limit()).startsWith("the bare parts together on 2 cores")
                .contains("6.00 transactions", "8.00 records", "8.00 HTTP requests per call", "1.68 ms per call");
        assertThat(ratio.limitPerSec()).isEqualTo(1_190.5);
        assertThat(ratio.value()).isEqualTo(0.168);

        Ratio signal = LimitRatios.ratio(400.0, List.of(), LimitRatios.forSignals(limits, Map.of("db.xact_commit", 2.0),
                Map.of("provider.signals", 1.0, "call-events", 1.0), 2));
        // 2 × 0.2 + 2 × 0.01 + 2 × 0.05 = 0.52 ms per signal → 3,846/s, below the database alone (5,000/s).
        assertThat(signal.limit()).startsWith("the bare parts together").contains("per signal");
        assertThat(signal.limitPerSec()).isEqualTo(3_846.2);
    }

    private static LimitReport limit(double perSec) {
        return limit(perSec, Map.of());
    }

    private static LimitReport limit(double perSec, Map<String, Double> cpuMsPerOp) {
        return new LimitReport("bare loop", perSec, 1.0, 2.0, 8, 0, cpuMsPerOp);
    }


    private static StepReport step(double achieved, long errors) {
        return new StepReport(achieved, achieved, 100, 100 - errors, errors, Map.of(), 1.0, 2.0, 3.0, 4.0, 0.1,
                errors == 0, errors == 0 ? "sustained" : "errors", Map.of(), Map.of());
    }
}
