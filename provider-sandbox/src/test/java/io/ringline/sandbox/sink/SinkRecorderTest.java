package io.ringline.sandbox.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The sink's bounded ring: newest kept, oldest first, ids never reused. */
class SinkRecorderTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

    private final SinkRecorder recorder = new SinkRecorder(new SinkProperties(3, 1024));

    @Test
    void keepsOnlyTheNewestDeliveriesOldestFirst() {
        for (int i = 1; i <= 7; i++) {
            record("/sandbox/webhook-sink/" + (i % 2 == 0 ? "even" : "odd"), "body " + i);
        }

        assertThat(recorder.deliveries(null)).extracting(RecordedDelivery::body)
                .containsExactly("body 5", "body 6", "body 7");
        assertThat(recorder.deliveries(null)).extracting(RecordedDelivery::id).containsExactly(5L, 6L, 7L);
        assertThat(recorder.deliveries("/sandbox/webhook-sink/odd")).extracting(RecordedDelivery::body)
                .containsExactly("body 5", "body 7");
    }

    @Test
    void clearingEmptiesTheRingButIdsKeepGrowing() {
        record("/sandbox/webhook-sink/a", "first");
        record("/sandbox/webhook-sink/a", "second");
        recorder.clear();
        assertThat(recorder.deliveries(null)).isEmpty();

        record("/sandbox/webhook-sink/a", "third");
        assertThat(recorder.deliveries(null)).extracting(RecordedDelivery::id).containsExactly(3L);
    }

    @Test
    void refusesABoundBelowOne() {
        assertThatThrownBy(() -> new SinkRecorder(new SinkProperties(0, 1024)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-deliveries");
    }

    private void record(String path, String body) {
        recorder.record(AT, "POST", path, null, Map.of(), body, 200);
    }
}
