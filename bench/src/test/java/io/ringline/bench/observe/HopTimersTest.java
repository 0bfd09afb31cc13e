package io.ringline.bench.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HopTimersTest {

    private static final HopTimers.Hop BATCH = new HopTimers.Hop("signals batch", "call-signaling-service",
            "spring_kafka_listener_seconds", Map.of("name", "signaling.signals-0"));

    private static final String TEXT = """
            # HELP spring_kafka_listener_seconds Kafka Listener Timer
            # TYPE spring_kafka_listener_seconds summary
            spring_kafka_listener_seconds_count{application="call-signaling-service",exception="none",name="signaling.signals-0",result="success"} 870
            spring_kafka_listener_seconds_sum{application="call-signaling-service",exception="none",name="signaling.signals-0",result="success"} 3.915
            spring_kafka_listener_seconds_count{application="call-signaling-service",exception="ListenerExecutionFailedException",name="signaling.signals-0",result="failure"} 4
            spring_kafka_listener_seconds_sum{application="call-signaling-service",exception="ListenerExecutionFailedException",name="signaling.signals-0",result="failure"} 0.085
            spring_kafka_listener_seconds_max{application="call-signaling-service",exception="none",name="signaling.signals-0",result="success"} 0.2
            spring_kafka_listener_seconds_count{application="call-signaling-service",exception="none",name="signaling.commands-0",result="success"} 300
            spring_kafka_listener_seconds_sum{application="call-signaling-service",exception="none",name="signaling.commands-0",result="success"} 1.254
            spring_kafka_listener_seconds_active_count{application="call-signaling-service",name="signaling.signals-0"} 1
            """;

    @Test
    void aHopSumsEverySeriesCarryingItsTagsAndNoOther() {
        double[] read = HopTimers.read(TEXT, BATCH);

        // Success and failure of the signals listener; not the commands listener, nor _max or _active_count.
        assertThat(read[0]).isEqualTo(3.915 + 0.085, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(read[1]).isEqualTo(874);
    }

    @Test
    void aMetricTheServiceDoesNotPublishReadsZero() {
        HopTimers.Hop absent = new HopTimers.Hop("attempt", "webhook-fanout-service",
                "ringline_webhook_attempt_seconds", Map.of("outcome", "success"));

        assertThat(HopTimers.read(TEXT, absent)).containsExactly(0, 0);
    }

    @Test
    void theMeanIsTheStepsSecondsOverItsOperationsAndAHopWithNoneIsLeftOut() {
        Map<String, double[]> before = new LinkedHashMap<>();
        before.put("signals batch", new double[] {3.0, 600});
        before.put("attempt", new double[] {1.0, 100});
        before.put("only after", new double[] {0, 0});
        Map<String, double[]> after = new LinkedHashMap<>();
        after.put("signals batch", new double[] {4.0, 874});
        after.put("attempt", new double[] {1.0, 100});
        after.put("only after", new double[] {0.5, 10});

        Map<String, Double> means = HopTimers.meansMs(before, after);

        assertThat(means).containsExactly(Map.entry("signals batch", 3.65), Map.entry("only after", 50.0));
    }

    @Test
    void aServiceThatCannotBeReadGivesNoHop() {
        HopTimers timers = new HopTimers(Map.of("call-signaling-service", "http://127.0.0.1:1"), "token");

        assertThat(timers.snapshot(java.util.List.of(BATCH))).isEmpty();
    }
}
