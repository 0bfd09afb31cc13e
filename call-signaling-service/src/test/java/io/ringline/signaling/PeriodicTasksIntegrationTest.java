package io.ringline.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.signaling.call.reconciliation.ReconciliationProperties;
import io.ringline.signaling.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * The periodic tasks run at the intervals of the properties records (the test context sets both to 1h): the sweep
 * and the active-calls recount every {@code sweep-interval}, both reconciliations every {@code scan-interval}.
 */
class PeriodicTasksIntegrationTest extends IntegrationTest {

    @Autowired
    List<ScheduledTaskHolder> holders;
    @Autowired
    SignalingProperties signaling;
    @Autowired
    ReconciliationProperties reconciliation;

    /** A registered task: who registered it (its lambda's declaring class), its interval and first delay. */
    record Registered(String schedule, Duration interval, Duration initialDelay) {
    }

    @Test
    void eachPeriodicTaskIsRegisteredWithItsIntervalFromTheProperties() {
        List<Registered> tasks = holders.stream()
                .flatMap(holder -> holder.getScheduledTasks().stream())
                .map(scheduled -> scheduled.getTask())
                .filter(FixedDelayTask.class::isInstance)
                .map(FixedDelayTask.class::cast)
                .map(task -> new Registered(scheduleOf(task.getRunnable()), task.getIntervalDuration(),
                        task.getInitialDelayDuration()))
                .toList();
        Map<String, List<Registered>> bySchedule = tasks.stream()
                .collect(Collectors.groupingBy(Registered::schedule, Collectors.toList()));

        assertThat(signaling.sweepInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(bySchedule.get("TimeoutSchedule")).containsExactly(
                new Registered("TimeoutSchedule", signaling.sweepInterval(), signaling.sweepInterval()));
        assertThat(bySchedule.get("ActiveCallsSchedule")).containsExactly(
                new Registered("ActiveCallsSchedule", signaling.sweepInterval(), Duration.ZERO));
        assertThat(bySchedule.get("ReconciliationSchedule")).hasSize(2).allSatisfy(task -> assertThat(task).isEqualTo(
                new Registered("ReconciliationSchedule", reconciliation.scanInterval(), reconciliation.scanInterval())));
    }

    private static String scheduleOf(Runnable task) {
        // A method reference's class is named after the class that wrote it, e.g. TimeoutSchedule$$Lambda/0x…@1a2b;
        // Spring wraps the runnable (to track outcomes) in a wrapper whose toString is the runnable's.
        String name = task.toString();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        int lambda = simple.indexOf("$$");
        return lambda < 0 ? simple : simple.substring(0, lambda);
    }
}
