package io.ringline.gateway.layer.evogo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class GoCallViewTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "INITIATED, ringing",
            "RINGING,   ringing",
            "ACCEPTED,  active",
            "COMPLETED, ended",
            "REJECTED,  ended",
            "FAILED,    ended",
            "MISSED,    ended"
    })
    void ringlineStatusesMapOntoGoStates(String status, String state) {
        assertThat(GoCallView.state(status)).isEqualTo(state);
    }

    @Test
    void aRinglineCallBecomesAGoCallNamedByItsGoCallId() {
        var call = JSON.readTree("{\"id\":\"call_1\",\"externalCallId\":\"3EB0AA\",\"direction\":\"INBOUND\","
                + "\"status\":\"ACCEPTED\",\"peerNumber\":\"+5511988887777\",\"startedAt\":\"2026-01-01T10:00:00Z\","
                + "\"createdAt\":\"2026-01-01T09:59:59Z\",\"durationSeconds\":null}");

        assertThat(GoCallView.of(call)).isEqualTo(
                new GoCallView("3EB0AA", "5511988887777", "incoming", "active", "2026-01-01T10:00:00Z", 0));
    }

    @Test
    void missingProviderIdAndStartFallBackToRinglinesIdAndCreation() {
        var call = JSON.readTree("{\"id\":\"call_2\",\"externalCallId\":null,\"direction\":\"OUTBOUND\","
                + "\"status\":\"COMPLETED\",\"peerNumber\":\"+5511988887777\",\"startedAt\":null,"
                + "\"createdAt\":\"2026-01-01T09:59:59Z\",\"durationSeconds\":17}");

        assertThat(GoCallView.of(call)).isEqualTo(
                new GoCallView("call_2", "5511988887777", "outgoing", "ended", "2026-01-01T09:59:59Z", 17));
    }
}
