package io.ringline.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.bench.scenario.CallsReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HistoryCheckTest {

    private static final Map<String, Object> SEEDED = Map.of("signaling.calls", 1_000_050L,
            "fanout.delivery", 3_000_150L);

    @Test
    void withinTenPercentOfTheEmptyRunIsMet() {
        Results.TargetCheck check = HistoryCheck.judge(SEEDED, calls(null, 20.0, 100.0, 5.0), empty(null, 21.0, 95.0));

        assertThat(check.verdict()).isEqualTo(Targets.MET);
        assertThat(check.measured()).contains("1,000,050 calls", "3,000,150 deliveries", "closed-loop");
    }

    @Test
    void aRateTenPercentLowerOrACpuTenPercentHigherIsNotMet() {
        assertThat(HistoryCheck.judge(SEEDED, calls(null, 18.0, 100.0, 5.0), empty(null, 21.0, 100.0)).verdict())
                .isEqualTo(Targets.NOT_MET);
        assertThat(HistoryCheck.judge(SEEDED, calls(null, 21.0, 115.0, 5.0), empty(null, 21.0, 100.0)).verdict())
                .isEqualTo(Targets.NOT_MET);
    }

    @Test
    void theHighestSustainedRatesAreComparedWhenBothRunsHadOneAndTheGeneratorIsNotThePlatform() {
        Results.TargetCheck check = HistoryCheck.judge(SEEDED, calls(200.0, 20.0, 100.0, 500.0),
                empty(210.0, 40.0, 100.0));

        assertThat(check.measured()).contains("highest sustained", "200/s vs 210/s");
        assertThat(check.verdict()).isEqualTo(Targets.MET); // the generator's 500 ms is not the platform's cost
    }

    /**
     * CPU per call falls as the rate rises, so each run's reference step (its own highest sustained rate) would compare
     * 35/s with 50/s; the check compares the same rates, and one step's outlier does not decide alone.
     */
    @Test
    void cpuIsComparedAtTheRatesBothRunsSustainedByTheMedianOfTheirRatios() {
        var history = withSteps(calls(50.0, 20.0, 46.0, 5.0), Map.of(10.0, 60.0, 20.0, 50.0, 35.0, 46.0, 50.0, 34.0),
                Map.of(75.0, 20.0));
        var empty = withSteps(empty(50.0, 21.0, 33.0), Map.of(10.0, 63.0, 20.0, 51.0, 35.0, 39.0, 50.0, 33.0, 75.0, 25.0));

        Results.TargetCheck check = HistoryCheck.judge(SEEDED, history, empty);

        // 60/63, 50/51, 46/39, 34/33 = 95 %, 98 %, 118 %, 103 %: median 100.5 %; 75/s is not sustained in this run.
        assertThat(check.verdict()).isEqualTo(Targets.MET);
        assertThat(check.measured()).contains("of the empty run's", "10/s 95 %", "35/s 118 %", "50/s 103 %")
                .doesNotContain("75/s");
    }

    @Test
    void aCpuHigherAtMostOfTheSameRatesIsNotMet() {
        var history = withSteps(calls(50.0, 20.0, 33.0, 5.0), Map.of(10.0, 72.0, 20.0, 59.0, 35.0, 39.0, 50.0, 38.0),
                Map.of());
        var empty = withSteps(empty(50.0, 21.0, 33.0), Map.of(10.0, 63.0, 20.0, 51.0, 35.0, 39.0, 50.0, 33.0));

        assertThat(HistoryCheck.judge(SEEDED, history, empty).verdict()).isEqualTo(Targets.NOT_MET);
    }

    @Test
    void withoutARateBothRunsHaveNothingIsJudged() {
        Results.TargetCheck check = HistoryCheck.judge(SEEDED,
                new CallsReport(null, null, null, 10, 10, 0, 10, 0, 0, 0, 0, true, Map.of("api-gateway", 1.0), Map.of(),
                        Map.of(), Map.of(), List.of(), null, List.of(), List.of()), empty(null, 21.0, 100.0));

        assertThat(check.verdict()).isEqualTo(Targets.NOT_MEASURED);
        assertThat(check.measured()).contains("no comparable calls rate");
    }

    @Test
    void withoutAnEmptyRunNothingIsJudged() {
        assertThat(HistoryCheck.judge(SEEDED, calls(null, 20.0, 100.0, 5.0), null).verdict())
                .isEqualTo(Targets.NOT_MEASURED);
    }

    private static CallsReport calls(Double sustained, double closedLoop, double platformCpu, double generatorCpu) {
        return new CallsReport(sustained, null, new CallsReport.Warmup(60, 16, closedLoop, 1.0), 10, 10, 0, 10, 0, 0,
                0, 0, true, Map.of("api-gateway", platformCpu, "load generator", generatorCpu), Map.of(), Map.of(),
                Map.of(), List.of(), null, List.of(), List.of());
    }

    private static CallsReport withSteps(CallsReport calls, Map<Double, Double> sustained, Map<Double, Double> not) {
        List<StepReport> steps = new java.util.ArrayList<>();
        sustained.forEach((rate, cpu) -> steps.add(step(rate, cpu, true)));
        not.forEach((rate, cpu) -> steps.add(step(rate, cpu, false)));
        return new CallsReport(calls.maxSustainedPerSec(), null, calls.warmup(), 10, 10, 0, 10, 0, 0, 0, 0, true,
                calls.cpuMsPerCall(), Map.of(), Map.of(), Map.of(), steps, null, List.of(), List.of());
    }

    private static StepReport step(double rate, double platformCpu, boolean sustained) {
        return new StepReport(rate, rate, 100, 100, 0, Map.of(), 10.0, 12.0, 20.0, 30.0, 1.0, sustained,
                sustained ? "sustained" : "POST p99 > 100 ms",
                Map.of("api-gateway", platformCpu, "load generator", 3.0), Map.of());
    }

    private static JsonNode withSteps(JsonNode empty, Map<Double, Double> sustained) {
        var steps = ((tools.jackson.databind.node.ObjectNode) empty).putArray("steps");
        sustained.forEach((rate, cpu) -> {
            var step = steps.addObject().put("offeredPerSec", rate).put("sustained", true);
            step.putObject("cpuMsPerOp").put("api-gateway", cpu).put("load generator", 3.0);
        });
        return empty;
    }

    private static JsonNode empty(Double sustained, double closedLoop, double platformCpu) {
        var node = JsonMapper.builder().build().createObjectNode();
        if (sustained != null) {
            node.put("maxSustainedPerSec", sustained);
        } else {
            node.putNull("maxSustainedPerSec");
        }
        node.putObject("warmup").put("lastRoundPerSec", closedLoop);
        node.putObject("cpuMsPerCall").put("api-gateway", platformCpu).put("load generator", 3.0);
        return node;
    }
}
