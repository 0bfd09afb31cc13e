package io.ringline.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Every scheduled operation is started and ends up counted: as a success, a labelled failure, or unfinished. */
class OpenLoopTest {

    @Test
    void countsSuccessesFailuresAndOperationsStillRunningAfterTheDrain() {
        Schedule schedule = Schedule.constantRate(1000, Duration.ofMillis(30));
        RunResult run = OpenLoop.run(schedule, (index, intended) -> switch (index % 3) {
            case 0 -> Mono.just(Outcome.OK);
            case 1 -> Mono.just(Outcome.failed("HTTP 503"));
            default -> index == 2 ? Mono.never() : Mono.error(new IllegalStateException());
        }, Duration.ofMillis(200), 1000);

        assertThat(run.offered()).isEqualTo(30);
        assertThat(run.ok()).isEqualTo(10);
        assertThat(run.errors()).containsEntry("HTTP 503", 10L).containsEntry("IllegalStateException", 9L)
                .containsEntry("unfinished", 1L);
        assertThat(run.latency().count()).isEqualTo(10);
    }
}
