package io.ringline.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.bench.platform.Startup;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 item 4's fallback: a rate target is held to half the tightest limit measured in the same run only when
 * that limit is below the target; otherwise the target stands. The report shows the arithmetic either way.
 */
class TargetsTest {

    @Test
    void aTargetWithinTheMachinesLimitsStandsWhateverFractionOfTheLimitIsReached() {
        Ratio limit = new Ratio(0.6, 0.6, 720.0, "the bare parts together on 2 cores", 1_190.0);

        Targets.RateCheck check = Targets.rate("calls ≥ 1,000/s sustained", 1000, 700.0, limit);

        assertThat(check.met()).as("700/s is more than half of 1,190/s, but 1,190/s ≥ 1,000/s: no excuse").isFalse();
        assertThat(check.measured()).startsWith("700/s").contains("1,190/s", "the bare parts together",
                "the target is within it and stands");
        assertThat(Targets.rate("calls ≥ 1,000/s sustained", 1000, 1000.0, limit).met()).isTrue();
    }

    @Test
    void aTargetAboveTheMachinesLimitIsHeldToHalfTheLimit() {
        Ratio limit = new Ratio(0.3, 0.4, 400.0, "R2DBC call-shaped transactions ÷ 6.00 committed per call", 800.0);

        Targets.RateCheck below = Targets.rate("calls ≥ 1,000/s sustained", 1000, 350.0, limit);
        Targets.RateCheck half = Targets.rate("calls ≥ 1,000/s sustained", 1000, 400.0, limit);

        assertThat(below.met()).isFalse();
        assertThat(below.measured()).contains("800/s", "R2DBC", "below the target, so held to half of it: 400/s");
        assertThat(half.met()).isTrue();
        assertThat(half.check().verdict()).isEqualTo(Targets.MET);
    }

    @Test
    void withoutLimitsOrASustainedRateTheTargetIsJudgedAsStated() {
        assertThat(Targets.rate("calls ≥ 1,000/s sustained", 1000, 1200.0, null).met()).isTrue();
        assertThat(Targets.rate("calls ≥ 1,000/s sustained", 1000, 900.0, null).measured()).isEqualTo("900/s");
        Targets.RateCheck none = Targets.rate("calls ≥ 1,000/s sustained", 1000, null,
                new Ratio(null, null, null, "R2DBC", 100.0));
        assertThat(none.met()).isFalse();
        assertThat(none.measured()).startsWith("no rate sustained");
    }

    @Test
    void theStartUpIsJudgedWithoutTheAotRecordingAndStatesTheCpuItCost() {
        Results.TargetCheck slow = Targets.startUp(new Startup(142_100L, 103_300L, 75_000L, 44_300L));
        Results.TargetCheck fast = Targets.startUp(new Startup(24_400L, 0L, 50_000L, 30_000L));

        assertThat(slow.verdict()).as("38.8 s once the recording is taken off").isEqualTo(Targets.NOT_MET);
        assertThat(slow.measured()).startsWith("38.8 s").contains("+ 103.3 s recording AOT caches",
                "75.0 s of CPU until ready in all processes, 59 % of it JIT compiling");
        assertThat(fast.verdict()).isEqualTo(Targets.MET);
        assertThat(fast.measured()).contains("50.0 s of CPU", "60 % of it JIT").doesNotContain("recording");
        assertThat(Targets.startUp(Startup.upIn(20_000)).measured())
                .isEqualTo("20.0 s (broker, database, 5 JVMs ready)");
        assertThat(Targets.startUp(Startup.UNKNOWN).verdict()).isEqualTo(Targets.NOT_MEASURED);
    }
}
