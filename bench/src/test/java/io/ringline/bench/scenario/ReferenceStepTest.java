package io.ringline.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.bench.report.StepReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The step a ramp's targets are read at, and its highest sustained rate, for calls and actions alike. */
class ReferenceStepTest {

    @Test
    void theFiveHundredStepIsTheReferenceEvenWhenItWasNotSustained() {
        List<StepReport> steps = List.of(step(100, true, 8), step(200, true, 12), step(500, false, 400));

        ReferenceStep reference = ReferenceStep.of(steps);

        assertThat(reference.index()).isEqualTo(2);
        assertThat(reference.point().reached()).isTrue();
        assertThat(reference.point().p99Ms()).isEqualTo(400.0);
        assertThat(reference.point().label()).isEqualTo("at 500/s");
        assertThat(ReferenceStep.highestSustained(steps)).isEqualTo(200.0);
    }

    @Test
    void withoutAFiveHundredStepTheHighestOfTheUnbrokenSustainedRunIsRead() {
        List<StepReport> steps = List.of(step(10, true, 5), step(50, true, 9), step(100, false, 150),
                step(200, true, 90));

        ReferenceStep reference = ReferenceStep.of(steps);

        assertThat(reference.index()).isEqualTo(1);
        assertThat(reference.point().label()).isEqualTo("at 50.00/s (500/s not reached)");
        assertThat(ReferenceStep.highestSustained(steps)).isEqualTo(50.0);
    }

    @Test
    void withNothingSustainedTheFirstStepIsReadAndTheLabelSaysWhy() {
        ReferenceStep reference = ReferenceStep.of(List.of(step(10, false, 130), step(20, false, 300)));

        assertThat(reference.index()).isZero();
        assertThat(reference.point().label()).isEqualTo("at 10.00/s (500/s not reached; not sustained: slow)");
        assertThat(ReferenceStep.highestSustained(List.of(step(10, false, 130)))).isNull();
        assertThat(ReferenceStep.of(List.of()).index()).isEqualTo(-1);
        assertThat(ReferenceStep.of(List.of()).point().label()).isEqualTo("no step was run");
    }

    private static StepReport step(double rate, boolean sustained, double p99) {
        return new StepReport(rate, rate, (long) rate, (long) rate, 0, Map.of(), p99 / 2, p99 * 0.8, p99, p99 * 1.2,
                0.1, sustained, sustained ? "sustained" : "slow", Map.of(), Map.of());
    }
}
