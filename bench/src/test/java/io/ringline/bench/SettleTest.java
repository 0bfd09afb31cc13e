package io.ringline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SettleTest {

    @Test
    void aPlatformStillCoolingDownIsNotSettled() {
        assertThat(BenchRun.plateau(List.of(180.0, 120.0, 80.0))).isFalse();
        assertThat(BenchRun.plateau(List.of(60.0, 52.0))).isFalse();
    }

    @Test
    void threeWindowsWithinFivePointsAreItsIdle() {
        assertThat(BenchRun.plateau(List.of(180.0, 120.0, 44.0, 41.0, 46.0))).isTrue();
        assertThat(BenchRun.plateau(List.of(44.0, 41.0, 52.0))).isFalse();
    }
}
