package io.ringline.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The signals' "at 500/s" figures come from the ladder's 500/s step, whatever rate it offered, and from no other step.
 */
class SignalsReferenceStepTest {

    private static final List<Double> LADDER = List.of(10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 750.0, 1000.0, 1500.0);

    @Test
    void theLaddersFiveHundredStepIsTheReferenceEvenWhenHigherStepsWereSustained() {
        // The run of 2026-12-06 12:26: steps up to 1,000/s sustained, the 500/s one offered 492.7/s.
        assertThat(SignalsScenario.referenceStep(LADDER, LADDER.size())).isEqualTo(5);
    }

    @Test
    void aLadderStoppedBeforeFiveHundredOrWithoutSuchAStepHasNone() {
        assertThat(SignalsScenario.referenceStep(LADDER, 5)).isEqualTo(-1);
        assertThat(SignalsScenario.referenceStep(List.of(10.0, 50.0), 2)).isEqualTo(-1);
    }
}
