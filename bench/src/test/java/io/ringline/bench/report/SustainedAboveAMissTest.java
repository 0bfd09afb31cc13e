package io.ringline.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.bench.scenario.ActionsReport;
import io.ringline.bench.scenario.CallsReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ladder's highest sustained rate is the top of its unbroken run of sustained steps from the first; a step
 * sustained again above a missed one is named beside it (the full run of 2026-12-08 01:38: 25/s, 35/s missed, 50/s
 * sustained).
 */
class SustainedAboveAMissTest {

    @Test
    void stepsSustainedAgainAboveAMissedOneAreNamed() {
        List<StepReport> steps = List.of(step(25, true), step(35, false), step(50, true), step(75, false),
                step(100, true));

        assertThat(StepReport.sustainedAboveAMiss(steps)).containsExactly(50.0, 100.0);
        assertThat(MarkdownReport.sustainedAbove(steps)).isEqualTo(" (the top of the unbroken run of sustained steps "
                + "from the first; sustained again above a step that was not: 50.00/s, 100/s)");
    }

    @Test
    void anUnbrokenLadderNamesNothingBesideItsHighestRate() {
        List<StepReport> steps = List.of(step(25, true), step(35, true), step(50, false), step(75, false));

        assertThat(StepReport.sustainedAboveAMiss(steps)).isEmpty();
        assertThat(MarkdownReport.sustainedAbove(steps)).isEmpty();
        assertThat(StepReport.sustainedAboveAMiss(List.of())).isEmpty();
    }

    @Test
    void aLadderWhoseFirstStepMissedNamesEverySustainedStep() {
        assertThat(StepReport.sustainedAboveAMiss(List.of(step(5, false), step(10, true), step(15, true))))
                .containsExactly(10.0, 15.0);
    }

    @Test
    void theReportNamesThemBesideTheLaddersHighestSustainedRate(@TempDir Path dir) throws IOException {
        List<StepReport> steps = List.of(step(25, true), step(35, false), step(50, true), step(75, false));
        ActionsReport terminates = new ActionsReport("terminate", 25.0,
                new CallsReport.ReferencePoint(25.0, false, 10.0, 30.0, "at 25.00/s (500/s not reached)"), 100, 0,
                100, 100, 0, 0, 0, 0, true, Map.of(), Map.of(), List.of(), steps);
        Results results = new Results(true, List.of(), Map.of("date", "today", "mode", "quick"), Map.of(),
                new Results.Scenarios(null, terminates, null, null, null, null), Map.of(),
                new Results.ComponentReport(1, null, null, null, null, null, null), List.of());
        Path report = dir.resolve("report.md");

        MarkdownReport.write(results, report);

        assertThat(Files.readString(report)).contains("- highest sustained rate: **25.00/s** (the top of the unbroken "
                + "run of sustained steps from the first; sustained again above a step that was not: 50.00/s); "
                + "terminate p50 / p99");
    }

    private static StepReport step(double rate, boolean sustained) {
        return new StepReport(rate, rate, (long) rate, (long) rate, 0, Map.of(), 10.0, 20.0, 30.0, 40.0, 0.1,
                sustained, sustained ? "sustained" : "slow", Map.of(), Map.of());
    }
}
