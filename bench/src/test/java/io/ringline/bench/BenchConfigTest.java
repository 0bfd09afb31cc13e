package io.ringline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchConfigTest {

    @Test
    void aScenarioWarmsUpAtTheHighestRateOfItsLadderUnderTheCeiling() {
        assertThat(BenchConfig.warmupRate(List.of(10.0, 25.0, 50.0, 75.0, 100.0, 175.0), 100)).isEqualTo(100.0);
        assertThat(BenchConfig.warmupRate(List.of(10.0, 25.0, 50.0, 75.0, 175.0), 100)).isEqualTo(75.0);
    }

    @Test
    void aLadderStartingAboveTheCeilingWarmsUpAtItsFirstRate() {
        assertThat(BenchConfig.warmupRate(List.of(500.0, 1000.0), 100)).isEqualTo(500.0);
    }

    @Test
    void theFullAndQuickRunsWarmTheSignalsAndTheFanOutAboveTheirFirstStep() {
        for (BenchConfig config : List.of(BenchConfig.full(), BenchConfig.quick())) {
            assertThat(BenchConfig.warmupRate(config.signalRates(), BenchConfig.SIGNALS_WARMUP_CEILING))
                    .as(config.mode()).isEqualTo(100.0);
            assertThat(BenchConfig.warmupRate(config.fanoutRates(), BenchConfig.FANOUT_WARMUP_CEILING))
                    .as(config.mode()).isEqualTo(250.0);
        }
    }
}
