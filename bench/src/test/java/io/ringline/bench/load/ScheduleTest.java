package io.ringline.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void aConstantRateSpacesOperationsEvenlyOverTheDuration() {
        Schedule schedule = Schedule.constantRate(250, Duration.ofSeconds(4));

        assertThat(schedule.size()).isEqualTo(1000);
        assertThat(schedule.offsetsNanos()[0]).isZero();
        assertThat(schedule.offsetsNanos()[1]).isEqualTo(4_000_000);
        assertThat(schedule.offsetsNanos()[999]).isEqualTo(3_996_000_000L);
    }
}
