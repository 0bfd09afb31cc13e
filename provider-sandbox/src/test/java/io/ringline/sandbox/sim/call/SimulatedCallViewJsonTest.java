package io.ringline.sandbox.sim.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /sandbox/calls/{id}} stays one flat object with every field, as the system tests, the fault campaign's
 * evidence and the docs read it, although the view is built from small parts.
 */
class SimulatedCallViewJsonTest {

    private static final List<String> FIELDS = List.of("externalCallId", "provider", "direction", "state",
            "endReason", "account", "peer", "business", "startedAt", "answeredAt", "endedAt", "durationSeconds",
            "actions", "audio", "webhooks", "bizOpaqueCallbackData", "sdpOffer", "sdpAnswer", "media", "realtime");

    private final JsonMapper json = JsonMapper.builder().build();
    private final Instant t0 = Instant.parse("2026-12-04T09:00:00Z");

    @Test
    void aGoCallIsFlatAndItsWebRtcFieldsReadNull() {
        JsonNode go = json.valueToTree(view(SimulatedProvider.EVO_GO, SimulatedCallView.MetaSide.NONE,
                new SimulatedCallView.GoSide(new SimulatedCallJournal().realtime())));

        assertThat(names(go)).containsExactlyInAnyOrderElementsOf(FIELDS);
        assertThat(go.get("account").asString()).isEqualTo("acct");
        assertThat(go.get("durationSeconds").asLong()).isEqualTo(7);
        assertThat(go.get("sdpOffer").isNull()).isTrue();
        assertThat(go.get("media").isNull()).isTrue();
        assertThat(go.get("realtime").isObject()).isTrue();
    }

    @Test
    void aMetaCallIsFlatAndHasNoRealtime() {
        JsonNode meta = json.valueToTree(view(SimulatedProvider.META,
                new SimulatedCallView.MetaSide("opaque", "v=0 offer", "v=0 answer", null),
                SimulatedCallView.GoSide.NONE));

        assertThat(names(meta)).containsExactlyInAnyOrderElementsOf(FIELDS);
        assertThat(meta.get("sdpOffer").asString()).isEqualTo("v=0 offer");
        assertThat(meta.get("bizOpaqueCallbackData").asString()).isEqualTo("opaque");
        assertThat(meta.get("realtime").isNull()).isTrue();
    }

    private SimulatedCallView view(SimulatedProvider provider, SimulatedCallView.MetaSide meta,
            SimulatedCallView.GoSide go) {
        return new SimulatedCallView("ext-1", provider, CallDirection.OUTBOUND, CallPhase.ENDED, "completed",
                new SimulatedCallView.Parties("acct", "5511900000001", "5511900000002"),
                new SimulatedCallView.Times(t0, t0.plusSeconds(1), t0.plusSeconds(8), 7),
                new SimulatedCallJournal().view(), meta, go);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
