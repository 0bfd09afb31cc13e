package io.ringline.gateway.calls;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.gateway.support.FakeInternalServices.Seen;
import io.ringline.gateway.support.FakeSignalingService;
import io.ringline.gateway.support.Fixtures;
import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.gateway.support.TestInfra;
import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.PlaceCall;
import io.ringline.schemas.avro.PreAcceptCall;
import io.ringline.testsupport.sdp.SdpFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** META's calls API: SDP rules, pre-accept, settings and permissions through the signaling service. */
class MetaCallsApiIntegrationTest extends GatewayIntegrationTest {

    private static final String TO = "+5511988887777";
    private static final String SDP = SdpFixtures.offer();

    @Test
    void placingNeedsAnSdpOfferThatLooksLikeAnSdp() {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());

        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("to", TO),
                Map.of("to", TO, "sdp", "o=- 1 2 IN IP4 127.0.0.1"), Map.of("to", TO, "sdp", ""),
                Map.of("to", TO, "sdp", SDP, "sdpType", "answer"))) {
            JsonNode error = json(http.post().uri("/v1/calls").header("x-api-key", number.key()).bodyValue(bad)
                    .exchange(), HttpStatus.BAD_REQUEST);
            assertThat(error.at("/details/field").stringValue()).as(bad.toString()).startsWith("sdp");
        }

        JsonNode placed = json(http.post().uri("/v1/calls").header("x-api-key", number.key())
                .bodyValue(Map.of("to", TO, "sdp", SDP, "sdpType", "offer")).exchange(), HttpStatus.CREATED);
        CallCommand command = commandsOf(number, 1).getFirst();
        assertThat(command.getCallId()).isEqualTo(placed.get("id").stringValue());
        assertThat(command.getAction()).isEqualTo(new PlaceCall(TO, SDP, null));
    }

    @Test
    void preAcceptSendsTheAnswerAndReportsTheUnchangedStatus() {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());
        String callId = Ids.newId("call");
        TestInfra.http().addCall(number.id(), callId, "wacid.PRE1", "RINGING", Instant.now());

        JsonNode result = json(http.post().uri("/v1/calls/wacid.PRE1/pre-accept").header("x-api-key", number.key())
                .bodyValue(Map.of("sdp", SDP, "sdpType", "answer")).exchange(), HttpStatus.OK);

        assertThat(result.get("success").booleanValue()).isTrue();
        assertThat(result.get("id").stringValue()).isEqualTo(callId);
        assertThat(result.get("status").stringValue()).isEqualTo("RINGING");
        CallCommand command = commandsOf(number, 1).getFirst();
        assertThat(command.getCallId()).isEqualTo("wacid.PRE1"); // the reference as given, resolved by signaling
        assertThat(command.getAction()).isEqualTo(new PreAcceptCall(SDP));
    }

    static Stream<Arguments> badPreAccepts() {
        return Stream.of(
                Arguments.of("", "body"),
                Arguments.of("{", "body"),
                Arguments.of("[]", "body"),
                Arguments.of("{}", "sdp"),
                Arguments.of("{\"sdp\":\"" + "x" + "\"}", "sdp"),
                Arguments.of("{\"sdp\":7}", "sdp"),
                Arguments.of("{\"sdp\":\"v=0\",\"sdpType\":\"offer\"}", "sdpType"),
                Arguments.of("{\"sdp\":\"v=0\",\"extra\":1}", "extra"));
    }

    @ParameterizedTest(name = "pre-accept {0} -> 400 {1}")
    @MethodSource("badPreAccepts")
    void malformedPreAcceptsAreRefusedNamingTheField(String body, String field) {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());
        TestInfra.http().addCall(number.id(), Ids.newId("call"), "wacid.BAD1", "RINGING", Instant.now());

        JsonNode error = json(http.post().uri("/v1/calls/wacid.BAD1/pre-accept").header("x-api-key", number.key())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(), HttpStatus.BAD_REQUEST);

        assertThat(error.get("code").stringValue()).isEqualTo("INVALID_REQUEST");
        assertThat(error.at("/details/field").stringValue()).isEqualTo(field);
        assertThat(TestInfra.signaling().commandsFor(number.id())).isEmpty();
    }

    @Test
    void preAcceptOfAnUnknownCallIs404() {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());
        JsonNode error = json(http.post().uri("/v1/calls/wacid.NOPE/pre-accept").header("x-api-key", number.key())
                .bodyValue(Map.of("sdp", SDP)).exchange(), HttpStatus.NOT_FOUND);
        assertThat(error.get("code").stringValue()).isEqualTo("CALL_NOT_FOUND");
    }

    @Test
    void anotherTenantsOrNumbersMetaCallLooksMissing() {
        var tenant = fixtures.tenant();
        NumberFixture a = fixtures.metaNumber(tenant);
        NumberFixture sameTenant = fixtures.metaNumber(tenant);
        NumberFixture otherTenant = fixtures.metaNumber(fixtures.tenant());
        String callId = Ids.newId("call");
        TestInfra.http().addCall(a.id(), callId, "wacid.ONLYA", "RINGING", Instant.now());

        for (NumberFixture intruder : List.of(sameTenant, otherTenant)) {
            for (String ref : List.of(callId, "wacid.ONLYA")) {
                JsonNode error = json(http.post().uri("/v1/calls/{id}/pre-accept", ref)
                        .header("x-api-key", intruder.key()).bodyValue(Map.of("sdp", SDP)).exchange(),
                        HttpStatus.NOT_FOUND);
                assertThat(error.get("code").stringValue()).isEqualTo("CALL_NOT_FOUND");
                json(http.post().uri("/v1/calls/{id}/accept", ref).header("x-api-key", intruder.key())
                        .bodyValue(Map.of("sdp", SDP)).exchange(), HttpStatus.NOT_FOUND);
            }
            // Each went out under the intruder's own number and was answered "not found" there.
            assertThat(TestInfra.signaling().commandsFor(intruder.id())).allSatisfy(record ->
                    assertThat(((CallCommand) record.value()).getNumberId()).isEqualTo(intruder.id()));
        }
        assertThat(TestInfra.signaling().commandsFor(a.id())).isEmpty();
    }

    @Test
    void settingsAreReadAndUpdatedThroughTheSignalingServiceWithTheNumberContext() {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());

        JsonNode settings = json(http.get().uri("/v1/calls/settings").header("x-api-key", number.key()).exchange(),
                HttpStatus.OK);
        assertThat(settings.at("/calling/status").stringValue()).isEqualTo("ENABLED");
        JsonNode readBody = lastOperation(number, "settings/read");
        assertNumberContext(readBody.get("number"), number);

        String update = "{\"status\":\"ENABLED\",\"call_icon_visibility\":\"DISABLE_ALL\",\"call_hours\":"
                + "{\"status\":\"ENABLED\",\"timezone_id\":\"America/Sao_Paulo\",\"weekly_operating_hours\":"
                + "[{\"day_of_week\":\"MONDAY\",\"open_time\":\"0900\",\"close_time\":\"1800\"}]},"
                + "\"voicemail\":{\"status\":\"DISABLED\"}}";
        JsonNode updated = json(http.put().uri("/v1/calls/settings").header("x-api-key", number.key())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(update).exchange(), HttpStatus.OK);
        assertThat(updated.get("success").booleanValue()).isTrue();
        JsonNode sent = lastOperation(number, "settings/update");
        assertThat(sent.get("calling")).isEqualTo(Fixtures.json(update.getBytes(StandardCharsets.UTF_8)));
        assertNumberContext(sent.get("number"), number);
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("{}", "body"),
                Arguments.of("{", "body"),
                Arguments.of("{\"sip\":{\"status\":\"ENABLED\"}}", "sip"),
                Arguments.of("{\"status\":\"ON\"}", "status"),
                Arguments.of("{\"status\":true}", "status"),
                Arguments.of("{\"call_icon_visibility\":\"HIDDEN\"}", "call_icon_visibility"),
                Arguments.of("{\"callback_permission_status\":\"YES\"}", "callback_permission_status"),
                Arguments.of("{\"unknown\":1}", "unknown"),
                Arguments.of("{\"call_hours\":{\"status\":\"ENABLED\",\"timezone_id\":\"Mars/Base\","
                        + "\"weekly_operating_hours\":[{\"day_of_week\":\"MONDAY\",\"open_time\":\"0900\","
                        + "\"close_time\":\"1800\"}]}}", "call_hours.timezone_id"),
                Arguments.of("{\"call_hours\":{\"status\":\"ENABLED\",\"timezone_id\":\"UTC\","
                        + "\"weekly_operating_hours\":[{\"day_of_week\":\"MONDAY\",\"open_time\":\"1800\","
                        + "\"close_time\":\"0900\"}]}}", "call_hours.weekly_operating_hours[0].close_time"),
                Arguments.of("{\"voicemail\":{\"status\":\"MAYBE\"}}", "voicemail.status"));
    }

    @ParameterizedTest(name = "PUT settings {0} -> 400 {1}")
    @MethodSource("badSettings")
    void invalidSettingsAreRefusedBeforeAnythingIsSent(String body, String field) {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());

        JsonNode error = json(http.put().uri("/v1/calls/settings").header("x-api-key", number.key())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(), HttpStatus.BAD_REQUEST);

        assertThat(error.get("code").stringValue()).isEqualTo("INVALID_REQUEST");
        assertThat(error.at("/details/field").stringValue()).isEqualTo(field);
        assertThat(operations(number)).isEmpty();
    }

    @Test
    void permissionsAreReadAndRequestedForAnE164Number() {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());

        JsonNode permission = json(http.get().uri(uri -> uri.path("/v1/calls/permissions").queryParam("to", "{to}").build(TO))
                .header("x-api-key", number.key()).exchange(), HttpStatus.OK);
        assertThat(permission.at("/permission/status").stringValue()).isEqualTo("temporary");
        assertThat(permission.get("actions").isArray()).isTrue();
        JsonNode read = lastOperation(number, "permissions/read");
        assertThat(read.get("to").stringValue()).isEqualTo(TO);
        assertNumberContext(read.get("number"), number);

        JsonNode requested = json(http.post().uri("/v1/calls/permissions/request").header("x-api-key", number.key())
                .bodyValue(Map.of("to", TO, "text", "May we call you about your order?")).exchange(), HttpStatus.OK);
        assertThat(requested.get("messageId").stringValue()).isEqualTo("wamid.test-" + number.id());
        JsonNode request = lastOperation(number, "permissions/request");
        assertThat(request.get("to").stringValue()).isEqualTo(TO);
        assertThat(request.get("text").stringValue()).isEqualTo("May we call you about your order?");
    }

    static Stream<Arguments> badPermissionRequests() {
        return Stream.of(
                Arguments.of("GET", "/v1/calls/permissions", null, "to"),
                Arguments.of("GET", "/v1/calls/permissions?to=12", null, "to"),
                Arguments.of("GET", "/v1/calls/permissions?to=%2B12", null, "to"),
                Arguments.of("GET", "/v1/calls/permissions?to=abc", null, "to"),
                Arguments.of("POST", "/v1/calls/permissions/request", "", "body"),
                Arguments.of("POST", "/v1/calls/permissions/request", "{", "body"),
                Arguments.of("POST", "/v1/calls/permissions/request", "{\"text\":\"hi\"}", "to"),
                Arguments.of("POST", "/v1/calls/permissions/request", "{\"to\":\"5511\"}", "to"),
                Arguments.of("POST", "/v1/calls/permissions/request", "{\"to\":\"+5511988887777\",\"text\":5}", "text"),
                Arguments.of("POST", "/v1/calls/permissions/request", "{\"to\":\"+5511988887777\",\"x\":1}", "x"));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> 400 {3}")
    @MethodSource("badPermissionRequests")
    void invalidPermissionRequestsAreRefusedNamingTheField(String method, String uri, String body, String field) {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());
        var request = http.method(HttpMethod.valueOf(method)).uri(uri).header("x-api-key", number.key());
        var response = body == null ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();

        JsonNode error = json(response, HttpStatus.BAD_REQUEST);

        assertThat(error.at("/details/field").stringValue()).isEqualTo(field);
        assertThat(operations(number)).isEmpty();
    }

    static Stream<Arguments> providerErrors() {
        return Stream.of(
                Arguments.of(403, "META_CALL_PERMISSION_REQUIRED"),
                Arguments.of(429, "META_CALL_PERMISSION_REQUEST_LIMIT"),
                Arguments.of(400, "META_CALLING_CANNOT_BE_ENABLED"),
                Arguments.of(502, "PROVIDER_ERROR"),
                Arguments.of(504, "PROVIDER_TIMEOUT"));
    }

    @ParameterizedTest(name = "signaling answers {0} {1} -> relayed")
    @MethodSource("providerErrors")
    void providerErrorsOfNumberOperationsAreRelayedVerbatim(int status, String code) {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());
        TestInfra.http().failNumberOperations(number.id(), status, code, "Meta said no");

        for (var response : List.of(
                http.get().uri("/v1/calls/settings").header("x-api-key", number.key()).exchange(),
                http.put().uri("/v1/calls/settings").header("x-api-key", number.key())
                        .bodyValue(Map.of("status", "ENABLED")).exchange(),
                http.get().uri(uri -> uri.path("/v1/calls/permissions").queryParam("to", "{to}").build(TO)).header("x-api-key", number.key())
                        .exchange(),
                http.post().uri("/v1/calls/permissions/request").header("x-api-key", number.key())
                        .bodyValue(Map.of("to", TO)).exchange())) {
            JsonNode error = json(response, HttpStatus.valueOf(status));
            assertThat(error.get("code").stringValue()).isEqualTo(code);
            assertThat(error.get("error").stringValue()).isEqualTo("Meta said no");
        }
    }

    @Test
    void idempotencyKeyReplaysPreAcceptAndPermissionRequests() {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());
        TestInfra.http().addCall(number.id(), Ids.newId("call"), "wacid.IDEM", "RINGING", Instant.now());

        for (int i = 0; i < 2; i++) {
            var response = http.post().uri("/v1/calls/wacid.IDEM/pre-accept").header("x-api-key", number.key())
                    .header("Idempotency-Key", "pre-accept-1").bodyValue(Map.of("sdp", SDP)).exchange();
            response.expectStatus().isOk();
            if (i == 1) {
                response.expectHeader().valueEquals("Idempotent-Replayed", "true");
            }
            var permission = http.post().uri("/v1/calls/permissions/request").header("x-api-key", number.key())
                    .header("Idempotency-Key", "perm-1").bodyValue(Map.of("to", TO)).exchange();
            permission.expectStatus().isOk();
            if (i == 1) {
                permission.expectHeader().valueEquals("Idempotent-Replayed", "true");
            }
        }
        assertThat(commandsOf(number, 1)).hasSize(1);
        assertThat(operations(number)).filteredOn(s -> s.path().endsWith("permissions/request")).hasSize(1);
    }

    @Test
    void instanceNotConnectedFromSignalingIsPassedThrough() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        TestInfra.signaling().behave(number.id(), FakeSignalingService.fail(409, "WHATSAPP_INSTANCE_NOT_CONNECTED",
                "The WhatsApp instance is not connected", null));

        JsonNode error = json(http.post().uri("/v1/calls").header("x-api-key", number.key())
                .bodyValue(Map.of("to", TO)).exchange(), HttpStatus.CONFLICT);

        assertThat(error.get("code").stringValue()).isEqualTo("WHATSAPP_INSTANCE_NOT_CONNECTED");
        assertThat(error.get("error").stringValue()).isEqualTo("The WhatsApp instance is not connected");
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static void assertNumberContext(JsonNode context, NumberFixture number) {
        assertThat(context.get("numberId").stringValue()).isEqualTo(number.id());
        assertThat(context.get("tenantId").stringValue()).isEqualTo(number.tenantId());
        assertThat(context.get("provider").stringValue()).isEqualTo("META");
        assertThat(context.get("phone").stringValue()).isEqualTo(number.phone());
        assertThat(context.get("baseUrl").stringValue()).isEqualTo(number.baseUrl());
        assertThat(context.get("accountId").stringValue()).isEqualTo(number.accountId());
        assertThat(context.get("version").longValue()).isEqualTo(1L);
        assertThat(context.get("encryptedCredentials").stringValue()).isNotBlank()
                .doesNotContain("EAAG-secret-access");
    }

    private static List<Seen> operations(NumberFixture number) {
        return TestInfra.http().seen().stream()
                .filter(s -> s.path().startsWith("/internal/numbers/" + number.id() + "/provider/"))
                .toList();
    }

    private static JsonNode lastOperation(NumberFixture number, String operation) {
        Seen seen = operations(number).stream().filter(s -> s.path().endsWith("/provider/" + operation))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.token()).isEqualTo("dev-internal-token");
        return Fixtures.json(seen.body().getBytes(StandardCharsets.UTF_8));
    }

    private static List<CallCommand> commandsOf(NumberFixture number, int expected) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> TestInfra.signaling().commandsFor(number.id()).stream().map(r -> (CallCommand) r.value())
                        .toList(),
                c -> c.size() >= expected);
    }
}
