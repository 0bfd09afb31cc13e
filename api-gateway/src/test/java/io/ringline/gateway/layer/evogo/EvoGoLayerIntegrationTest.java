package io.ringline.gateway.layer.evogo;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.gateway.support.FakeSignalingService;
import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.gateway.support.TestInfra;
import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.AcceptCall;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.PlaceCall;
import io.ringline.schemas.avro.RejectCall;
import io.ringline.schemas.avro.TerminateCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** The Evolution GO compatibility layer: GO's routes and shapes, Ringline's commands and state machine. */
class EvoGoLayerIntegrationTest extends GatewayIntegrationTest {

    private static final String LAYER = "/api/layer/evolution-go/call";

    @Test
    void startPlacesACallOnTheTokensNumberAndAnswersInGoShape() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());

        JsonNode started = json(post(number.instanceToken(), "/start", "{\"number\":\"5511988887777\"}"),
                HttpStatus.CREATED);

        CallCommand command = commandsOf(number, 1).getFirst();
        assertThat(command.getAction()).isEqualTo(new PlaceCall("+5511988887777", null, null));
        assertThat(started.get("callId").stringValue()).isEqualTo("ext-" + command.getCallId());
        assertThat(started.get("state").stringValue()).isEqualTo("ringing");
        assertThat(started.size()).isEqualTo(2);
    }

    static Stream<Arguments> actions() {
        return Stream.of(
                Arguments.of("/answer", "{\"callId\":\"GOCALL\"}", AcceptCall.class),
                Arguments.of("/reject", "{\"callId\":\"GOCALL\",\"callCreator\":\"5511988887777@s.whatsapp.net\"}",
                        RejectCall.class),
                Arguments.of("/reject", "{\"callId\":\"GOCALL\"}", RejectCall.class),
                Arguments.of("/hangup", "{\"callId\":\"GOCALL\"}", TerminateCall.class));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("actions")
    void actionsSendTheGoCallIdAsTheCallReferenceAsV1Does(String route, String body, Class<?> action) {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        String callId = Ids.newId("call");
        String goCallId = "3EB0" + Long.toHexString(System.nanoTime()).toUpperCase();
        TestInfra.http().addCall(number.id(), callId, goCallId, "RINGING", Instant.now());

        JsonNode answer = json(post(number.instanceToken(), route, body.replace("GOCALL", goCallId)), HttpStatus.OK);

        assertThat(answer).isEqualTo(json("{\"message\":\"success\"}".getBytes()));
        CallCommand command = commandsOf(number, 1).getFirst();
        // as given: the signaling service resolves it among the number's calls (here: the fake, to callId)
        assertThat(command.getCallId()).isEqualTo(goCallId);
        assertThat(command.getAction()).isInstanceOf(action);
        if (command.getAction() instanceof AcceptCall accept) {
            assertThat(accept.getSdp()).isNull();
        }
    }

    @Test
    void listAndGetShowTheNumbersCallsInGoShape() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        var ringing = TestInfra.http().addCall(number.id(), Ids.newId("call"), "3EB0LIST1", "RINGING",
                Instant.parse("2026-01-01T10:00:00Z"));
        ringing.put("peerNumber", "+5511977776666");
        var ended = TestInfra.http().addCall(number.id(), Ids.newId("call"), "3EB0LIST2", "COMPLETED",
                Instant.parse("2026-01-01T11:00:00Z"));
        ended.put("direction", "OUTBOUND").put("startedAt", "2026-01-01T11:00:05Z").put("durationSeconds", 42);

        JsonNode list = json(http.get().uri(LAYER + "/list").header("apikey", number.instanceToken()).exchange(),
                HttpStatus.OK);
        assertThat(list.get("data")).hasSize(2);
        JsonNode newest = list.get("data").get(0);
        assertThat(newest).isEqualTo(json(("{\"callId\":\"3EB0LIST2\",\"peer\":\"5511999990000\",\"direction\":"
                + "\"outgoing\",\"state\":\"ended\",\"startedAt\":\"2026-01-01T11:00:05Z\",\"durationSeconds\":42}")
                .getBytes()));
        assertThat(list.get("data").get(1).get("state").stringValue()).isEqualTo("ringing");
        assertThat(list.get("data").get(1).get("direction").stringValue()).isEqualTo("incoming");
        assertThat(list.get("data").get(1).get("peer").stringValue()).isEqualTo("5511977776666");

        JsonNode one = json(http.get().uri(LAYER + "/3EB0LIST1").header("apikey", number.instanceToken()).exchange(),
                HttpStatus.OK);
        assertThat(one.get("callId").stringValue()).isEqualTo("3EB0LIST1");
        assertThat(one.get("startedAt").stringValue()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(one.get("durationSeconds").longValue()).isZero();
    }

    @Test
    void wrongOrMissingInstanceTokenIsRefusedInGoShapeBeforeAnything() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        int seenBefore = TestInfra.http().seen().size();

        for (String token : new String[] {null, "", "wrong-" + number.instanceToken(), number.key()}) {
            for (String[] route : new String[][] {{"POST", "/start"}, {"POST", "/answer"}, {"POST", "/hangup"},
                    {"GET", "/list"}, {"GET", "/3EB0ANY"}, {"POST", "/media/play"}}) {
                var request = http.method(HttpMethod.valueOf(route[0])).uri(LAYER + route[1]);
                if (token != null) {
                    request = request.header("apikey", token);
                }
                JsonNode error = json(request.exchange(), HttpStatus.UNAUTHORIZED);
                assertThat(error.propertyNames()).containsExactly("error");
            }
        }
        assertThat(TestInfra.http().seen().subList(seenBefore, TestInfra.http().seen().size()))
                .noneMatch(seen -> seen.path().contains(number.id()));
        assertThat(TestInfra.signaling().commandsFor(number.id())).isEmpty();
    }

    @Test
    void aTokenReachesOnlyItsOwnNumbersCalls() {
        NumberFixture a = fixtures.evoGoNumber(fixtures.tenant());
        NumberFixture b = fixtures.evoGoNumber(fixtures.tenant());
        TestInfra.http().addCall(a.id(), Ids.newId("call"), "3EB0ONLYA", "RINGING", Instant.now());

        JsonNode notFound = json(http.get().uri(LAYER + "/3EB0ONLYA").header("apikey", b.instanceToken()).exchange(),
                HttpStatus.NOT_FOUND);
        assertThat(notFound.propertyNames()).containsExactly("error");
        json(post(b.instanceToken(), "/hangup", "{\"callId\":\"3EB0ONLYA\"}"), HttpStatus.NOT_FOUND);
        JsonNode list = json(http.get().uri(LAYER + "/list").header("apikey", b.instanceToken()).exchange(),
                HttpStatus.OK);
        assertThat(list.get("data")).isEmpty();
        // b's hangup went out under b's own number (signaling resolves the reference there: not found)
        assertThat(TestInfra.signaling().commandsFor(a.id())).isEmpty();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("/start", ""),
                Arguments.of("/start", "{"),
                Arguments.of("/start", "{}"),
                Arguments.of("/start", "{\"number\":5511988887777}"),
                Arguments.of("/start", "{\"number\":\"12ab\"}"),
                Arguments.of("/start", "{\"number\":\"5511988887777\",\"video\":true}"),
                Arguments.of("/answer", "{}"),
                Arguments.of("/answer", "[]"),
                Arguments.of("/reject", "{\"callId\":7}"),
                Arguments.of("/hangup", "{\"callId\":\"x\",\"extra\":1}"));
    }

    @ParameterizedTest(name = "{0} {1} -> 400 in GO shape")
    @MethodSource("malformed")
    void malformedBodiesAreRefusedInGoShape(String route, String body) {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());

        JsonNode error = json(post(number.instanceToken(), route, body), HttpStatus.BAD_REQUEST);

        assertThat(error.propertyNames()).containsExactly("error");
        assertThat(error.get("error").stringValue()).isNotBlank();
        assertThat(TestInfra.signaling().commandsFor(number.id())).isEmpty();
    }

    /** Found by the abuse campaign: an unparsable {@code Accept} left GO-layer errors without a body. */
    @ParameterizedTest(name = "Accept: {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\u00ff", "text/html", "application/json;q=0"})
    void errorsAreGoShapedJsonWhateverTheAcceptHeaderSays(String accept) {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());

        byte[] body = http.post().uri(LAYER + "/hangup").header("apikey", number.instanceToken())
                .header("Accept", accept).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"callId\":7}")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();

        assertThat(json(body).get("error").stringValue()).isNotBlank();
    }

    @Test
    void stateMachineAndProviderErrorsKeepTheirStatusInGoShape() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        TestInfra.http().addCall(number.id(), Ids.newId("call"), "3EB0DONE", "COMPLETED", Instant.now());
        TestInfra.signaling().behave(number.id(), FakeSignalingService.fail(409, "INVALID_CALL_STATE",
                "Call is COMPLETED", "{\"status\":\"COMPLETED\"}"));

        JsonNode error = json(post(number.instanceToken(), "/answer", "{\"callId\":\"3EB0DONE\"}"),
                HttpStatus.CONFLICT);
        assertThat(error).isEqualTo(json("{\"error\":\"Call is COMPLETED\"}".getBytes()));

        TestInfra.signaling().behave(number.id(), FakeSignalingService.fail(409, "WHATSAPP_INSTANCE_NOT_CONNECTED",
                "The WhatsApp instance is not connected", null));
        JsonNode disconnected = json(post(number.instanceToken(), "/start", "{\"number\":\"+5511988887777\"}"),
                HttpStatus.CONFLICT);
        assertThat(disconnected.get("error").stringValue()).isEqualTo("The WhatsApp instance is not connected");
    }

    @Test
    void layerRequestsShareRateLimitHeadersAndIdempotencyKeysWithV1() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());

        var first = http.post().uri(LAYER + "/start").header("apikey", number.instanceToken())
                .header("Idempotency-Key", "go-start-1").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"number\":\"5511988887777\"}").exchange();
        first.expectStatus().isCreated().expectHeader().exists("X-RateLimit-Remaining");
        var again = http.post().uri(LAYER + "/start").header("apikey", number.instanceToken())
                .header("Idempotency-Key", "go-start-1").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"number\":\"5511988887777\"}").exchange();
        again.expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true");

        assertThat(commandsOf(number, 1)).hasSize(1);
    }

    @Test
    void aNumberWithoutTheLayerTokenIsNotReachableWithAMetaNumbersSecret() {
        NumberFixture meta = fixtures.metaNumber(fixtures.tenant());
        json(http.get().uri(LAYER + "/list").header("apikey", "EAAG-secret-access").exchange(),
                HttpStatus.UNAUTHORIZED);
        json(http.get().uri(LAYER + "/list").header("apikey", meta.key()).exchange(), HttpStatus.UNAUTHORIZED);
    }

    private WebTestClient.ResponseSpec post(String token, String route, String body) {
        var request = http.post().uri(LAYER + route).header("apikey", token);
        return body.isEmpty() ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static List<CallCommand> commandsOf(NumberFixture number, int expected) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> TestInfra.signaling().commandsFor(number.id()).stream().map(r -> (CallCommand) r.value())
                        .toList(),
                c -> c.size() >= expected);
    }
}
