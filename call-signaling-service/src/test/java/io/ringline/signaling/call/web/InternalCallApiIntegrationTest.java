package io.ringline.signaling.call.web;

import static io.ringline.signaling.support.Fixtures.goSignal;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.signaling.support.FakeEvoGo;
import io.ringline.signaling.support.Fixtures;
import io.ringline.signaling.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /internal/numbers/{numberId}/calls…} over real HTTP (docs/internal-apis.md). */
class InternalCallApiIntegrationTest extends IntegrationTest {

    private static final String TOKEN = "test-internal-token";

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();
    private WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    @Test
    void aCallIsShownInThePublicShapeByEitherId() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-API-1");
        NumberContext number = newEvoGoNumber(go);
        CallCommand place = Fixtures.place(number, Ids.newId("call"), "+5511912340000");
        send(place);
        awaitReply(place.getCommandId());

        JsonNode byId = get("/internal/numbers/" + number.getNumberId() + "/calls/" + place.getCallId(), 200);
        JsonNode byExternal = get("/internal/numbers/" + number.getNumberId() + "/calls/GO-API-1", 200);

        assertThat(fieldNames(byId)).containsExactly("id", "externalCallId", "provider", "direction", "status",
                "endReason", "peerNumber", "durationSeconds", "bizOpaqueCallbackData", "startedAt", "connectedAt",
                "endedAt", "createdAt", "updatedAt");
        assertThat(byExternal).isEqualTo(byId);
        assertThat(byId.path("id").asString()).isEqualTo(place.getCallId());
        assertThat(byId.path("externalCallId").asString()).isEqualTo("GO-API-1");
        assertThat(byId.path("provider").asString()).isEqualTo("EVO_GO");
        assertThat(byId.path("direction").asString()).isEqualTo("OUTBOUND");
        assertThat(byId.path("status").asString()).isEqualTo("INITIATED");
        assertThat(byId.path("endReason").isNull()).isTrue();
        assertThat(byId.path("bizOpaqueCallbackData").asString()).isEqualTo("crm-ref-7");
        assertThat(Instant.parse(byId.path("createdAt").asString())).isNotNull();
        assertThat(byId.path("createdAt").asString()).endsWith("Z");
    }

    @Test
    void sdpsAreShownOnlyWhenAskedForAndAreNullOnEvoGo() {
        NumberContext number = newEvoGoNumber(evoGo.newInstance());
        String callId = inbound(number, "GO-API-SDP", "5511912340001");

        JsonNode withSdp = get("/internal/numbers/" + number.getNumberId() + "/calls/" + callId + "?includeSdp=1", 200);

        assertThat(fieldNames(withSdp)).contains("sdpOffer", "sdpAnswer");
        assertThat(withSdp.path("sdpOffer").isNull()).isTrue();
        assertThat(withSdp.path("peerNumber").asString()).isEqualTo("+5511912340001");
        JsonNode list = get("/internal/numbers/" + number.getNumberId() + "/calls", 200);
        assertThat(fieldNames(list.path("calls").get(0))).doesNotContain("sdpOffer", "sdpAnswer", "billing");
    }

    @Test
    void aCallOfAnotherNumberIsNotFound() {
        NumberContext owner = newEvoGoNumber(evoGo.newInstance());
        NumberContext other = newEvoGoNumber(evoGo.newInstance());
        String callId = inbound(owner, "GO-API-OWN", "5511912340002");

        JsonNode byId = get("/internal/numbers/" + other.getNumberId() + "/calls/" + callId, 404);
        JsonNode byExternal = get("/internal/numbers/" + other.getNumberId() + "/calls/GO-API-OWN", 404);

        assertThat(byId.path("code").asString()).isEqualTo("CALL_NOT_FOUND");
        assertThat(byExternal.path("code").asString()).isEqualTo("CALL_NOT_FOUND");
        assertThat(get("/internal/numbers/" + other.getNumberId() + "/calls", 200).path("calls")).isEmpty();
    }

    @Test
    void pagingNeverSkipsOrRepeatsCallsSharingACreatedAt() {
        NumberContext number = newEvoGoNumber(evoGo.newInstance());
        List<String> expected = new ArrayList<>(); // newest first, ties by id descending
        try {
            clock.freeze();
            List<String> old = createInbound(number, "OLD", 2);
            clock.advance(Duration.ofSeconds(1));
            List<String> tied = createInbound(number, "TIE", 7);
            clock.advance(Duration.ofSeconds(1));
            List<String> newest = createInbound(number, "NEW", 1);
            expected.addAll(newest);
            expected.addAll(tied.stream().sorted(java.util.Comparator.reverseOrder()).toList());
            expected.addAll(old.stream().sorted(java.util.Comparator.reverseOrder()).toList());
        } finally {
            clock.resume();
        }

        List<String> seen = new ArrayList<>();
        String before = null;
        for (int page = 0; page < 20; page++) {
            JsonNode calls = get("/internal/numbers/" + number.getNumberId() + "/calls?limit=3"
                    + (before == null ? "" : "&before=" + before), 200).path("calls");
            if (calls.isEmpty()) {
                break;
            }
            calls.forEach(call -> seen.add(call.path("id").asString()));
            before = calls.get(calls.size() - 1).path("createdAt").asString();
        }

        assertThat(seen).containsExactlyElementsOf(expected);
        Set<String> unique = new HashSet<>(seen);
        assertThat(unique).hasSize(10);
    }

    @Test
    void listsNewestFirstAndFiltersByStatusAndDirection() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-API-OUT");
        NumberContext number = newEvoGoNumber(go);
        String inbound = inbound(number, "GO-API-IN", "5511912340003");
        clock.advance(Duration.ofMillis(5));
        CallCommand place = Fixtures.place(number, Ids.newId("call"), "+5511912340004");
        send(place);
        awaitReply(place.getCommandId());
        String base = "/internal/numbers/" + number.getNumberId() + "/calls";

        assertThat(ids(get(base, 200))).containsExactly(place.getCallId(), inbound);
        assertThat(ids(get(base + "?direction=INBOUND", 200))).containsExactly(inbound);
        assertThat(ids(get(base + "?status=initiated", 200))).containsExactly(place.getCallId());
        assertThat(ids(get(base + "?limit=1", 200))).containsExactly(place.getCallId());
        String inboundCreatedAt = get(base + "/" + inbound, 200).path("createdAt").asString();
        assertThat(ids(get(base + "?before=" + inboundCreatedAt, 200))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=ten", "before=yesterday", "status=SHOUTING",
            "direction=SIDEWAYS"})
    void invalidListParametersAreRefusedNamingTheField(String query) {
        NumberContext number = newEvoGoNumber(evoGo.newInstance());

        JsonNode error = get("/internal/numbers/" + number.getNumberId() + "/calls?" + query, 400);

        assertThat(error.path("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(error.path("details").path("field").asString()).isEqualTo(query.substring(0, query.indexOf('=')));
    }

    @Test
    void internalRoutesNeedTheInternalToken() {
        String path = "/internal/numbers/num_x/calls";

        http.get().uri(path).exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("UNAUTHORIZED");
        http.get().uri(path).header("x-internal-token", "wrong").exchange().expectStatus().isUnauthorized();
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void metricsAreExposedForPrometheus() {
        // the whole exposition (histogram buckets of every provider action) outgrows the default 256 KiB buffer
        http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").header("x-internal-token", TOKEN).exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("ringline_calls_active", "ringline_calls_transitions_total",
                                "ringline_provider_request_seconds"));
    }

    private JsonNode get(String path, int status) {
        byte[] body = http.get().uri(path).header("x-internal-token", TOKEN).exchange()
                .expectStatus().isEqualTo(status)
                .expectBody().returnResult().getResponseBody();
        return json.readTree(body);
    }

    private String inbound(NumberContext number, String externalCallId, String phoneDigits) {
        send(goSignal(number, "CallOffer", Fixtures.offer(externalCallId, phoneDigits)));
        return awaitCallByExternal(number.getNumberId(), externalCallId);
    }

    private List<String> createInbound(NumberContext number, String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            send(goSignal(number, "CallOffer", Fixtures.offer("GO-PAGE-" + prefix + "-" + i + "-" + number.getNumberId(),
                    "55119000" + (1000 + i))));
        }
        for (int i = 0; i < count; i++) {
            ids.add(awaitCallByExternal(number.getNumberId(), "GO-PAGE-" + prefix + "-" + i + "-" + number.getNumberId()));
        }
        return ids;
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("calls").forEach(call -> ids.add(call.path("id").asString()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }
}
