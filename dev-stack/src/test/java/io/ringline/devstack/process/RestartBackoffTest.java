package io.ringline.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestartBackoffTest {

    @ParameterizedTest(name = "death {0} in a row → wait {1}")
    @CsvSource({"1, PT1S", "2, PT2S", "3, PT4S", "5, PT16S", "6, PT30S", "40, PT30S"})
    void doublesFromTheFirstDelayUpToTheMax(int deathsInRow, Duration expected) {
        assertThat(RestartBackoff.DEFAULT.delay(deathsInRow)).isEqualTo(expected);
    }
}
