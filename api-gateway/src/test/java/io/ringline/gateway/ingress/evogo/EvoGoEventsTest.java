package io.ringline.gateway.ingress.evogo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** GO's own time of an event, which leads the signal's id (so ids sort by time). */
class EvoGoEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aCallEventsTimeIsItsTimestampAndAnEventWithoutOneHasNone() {
        assertThat(EvoGoEvents.occurredAt(JSON.readTree(
                "{\"CallID\":\"C1\",\"Timestamp\":\"2026-12-07T04:40:00.125Z\"}")))
                .isEqualTo(Instant.parse("2026-12-07T04:40:00.125Z"));
        assertThat(EvoGoEvents.occurredAt(JSON.readTree("{\"state\":\"open\"}"))).isNull();
        assertThat(EvoGoEvents.occurredAt(JSON.readTree("{\"Timestamp\":\"yesterday\"}"))).isNull();
        assertThat(EvoGoEvents.occurredAt(JSON.readTree("{\"Timestamp\":1733546400}"))).isNull();
    }
}
