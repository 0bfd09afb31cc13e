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

    @Test
    void withoutARateBothRunsHaveNothingIsJudged() {
        Results.TargetCheck check = HistoryCheck.judge(SEEDED,
                new CallsReport(null, null, null, 10, 10, 0, 10, 0, 0, 0, 0, true, Map.of("api-gateway", 1.0), Map.of(),
                        Map.of(), Map.of(), List.of(), null), empty(null, 21.0, 100.0));

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
                Map.of(), List.of(), null);
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
