package io.ringline.gateway.calls;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.gateway.support.FakeSignalingService;
import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.gateway.support.TestInfra;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.schemas.avro.AcceptCall;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.schemas.avro.PlaceCall;
import io.ringline.schemas.avro.Provider;
import io.ringline.schemas.avro.RejectCall;
import io.ringline.schemas.avro.TerminateCall;
import io.ringline.testsupport.sdp.SdpFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class CallsCommandIntegrationTest extends GatewayIntegrationTest {

    private static final String TO = "+5511988887777";
    private static final String OFFER = SdpFixtures.offer();

    @Autowired
    SecretBox secretBox;

    @Autowired
    MeterRegistry meters;

    @Test
    void placingAnEvoGoCallSendsTheCommandAndAnswersWithTheReply() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());

        JsonNode placed = json(http.post().uri("/v1/calls").header("x-api-key", number.key())
                .bodyValue(Map.of("to", TO, "bizOpaqueCallbackData", "order-42")).exchange(), HttpStatus.CREATED);

        String callId = placed.get("id").stringValue();
        assertThat(callId).matches("^call_[0-9A-HJKMNP-TV-Z]{26}$");
        assertThat(placed.get("externalCallId").stringValue()).isEqualTo("ext-" + callId);
        assertThat(placed.get("status").stringValue()).isEqualTo("INITIATED");

        ConsumerRecord<String, SpecificRecord> record = commands(number).getFirst();
        assertThat(record.key()).isEqualTo(number.id());
        CallCommand command = (CallCommand) record.value();
        assertThat(command.getCallId()).isEqualTo(callId);
        assertThat(command.getIssuedAt()).isBefore(Instant.now().plusSeconds(1));
        assertThat(command.getAction()).isEqualTo(new PlaceCall(TO, null, "order-42"));
        assertThat(header(record, "kafka_replyTopic")).isEqualTo("calls.replies");
        assertThat(header(record, "kafka_correlationId")).isEqualTo(command.getCommandId());

        // The command names the number; its context and sealed credentials travel once, on the numbers topic.
        assertThat(command.getNumberId()).isEqualTo(number.id());
        assertThat(command.getTenantId()).isEqualTo(number.tenantId());
        assertThat(command.getNumberVersion()).isEqualTo(1L);
        NumberContext context = publishedNumber(number);
        assertThat(context.getNumberId()).isEqualTo(number.id());
        assertThat(context.getTenantId()).isEqualTo(number.tenantId());
        assertThat(context.getProvider()).isEqualTo(Provider.EVO_GO);
        assertThat(context.getPhone()).isEqualTo(number.phone());
        assertThat(context.getBaseUrl()).isEqualTo(number.baseUrl());
        assertThat(context.getAccountId()).isEqualTo(number.instanceName());
        assertThat(context.getVersion()).isEqualTo(1L);
        assertThat(context.getEncryptedCredentials()).doesNotContain(number.instanceToken());
        assertThat(secretBox.decrypt(context.getEncryptedCredentials()))
                .isEqualTo("{\"instanceToken\":\"" + number.instanceToken() + "\"}");
        assertThat(commandTimer("place", "ok")).isPositive();
    }

    @Test
    void aNumbersCallsReadItOnceAndAChangeOnThisInstanceIsSeenByTheNextCommand() {
        var tenant = fixtures.tenant();
        NumberFixture number = fixtures.evoGoNumber(tenant);
        double readsBefore = numberReads();

        for (int i = 0; i < 3; i++) {
            json(http.post().uri("/v1/calls").header("x-api-key", number.key()).bodyValue(Map.of("to", TO))
                    .exchange(), HttpStatus.CREATED);
        }
        assertThat(numberReads()).as("three calls on one number: one read of numbers, not three")
                .isEqualTo(readsBefore + 1);
        assertThat(await().atMost(Duration.ofSeconds(10)).until(() -> commandsOf(number), c -> c.size() == 3))
                .allSatisfy(command -> assertThat(command.getNumberVersion()).isEqualTo(1L));

        // A number changed here must not be served from memory: the next command names its new revision.
        http.patch().uri("/v1/numbers/{id}", number.id()).header("x-api-key", tenant.key())
                .bodyValue(Map.of("evoGo", Map.of("instanceToken", "rotated-" + number.id()))).exchange()
                .expectStatus().isOk();
        json(http.post().uri("/v1/calls").header("x-api-key", number.key()).bodyValue(Map.of("to", TO)).exchange(),
                HttpStatus.CREATED);
        assertThat(await().atMost(Duration.ofSeconds(10)).until(() -> commandsOf(number), c -> c.size() == 4)
                .getLast().getNumberVersion()).isEqualTo(2L);
        assertThat(numberReads()).isEqualTo(readsBefore + 2);
    }

    private double numberReads() {
        return meters.counter("ringline.security.credential.reads", "credential", "number").count();
    }

    @Test
    void placingAMetaCallRelaysTheSdpOfferWithMetaCredentials() {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());

        JsonNode placed = json(http.post().uri("/v1/calls").header("x-api-key", number.key())
                .bodyValue(Map.of("to", TO, "sdp", OFFER, "sdpType", "offer")).exchange(), HttpStatus.CREATED);

        CallCommand command = (CallCommand) commands(number).getFirst().value();
        assertThat(command.getCallId()).isEqualTo(placed.get("id").stringValue());
        assertThat(command.getAction()).isEqualTo(new PlaceCall(TO, OFFER, null));
        assertThat(command.getNumberId()).isEqualTo(number.id());
        NumberContext context = publishedNumber(number);
        assertThat(context.getProvider()).isEqualTo(Provider.META);
        assertThat(context.getBaseUrl()).isEqualTo("https://graph.facebook.com/v21.0");
        assertThat(context.getAccountId()).isEqualTo(number.accountId());
        JsonNode credentials = io.ringline.gateway.support.Fixtures.json(
                secretBox.decrypt(context.getEncryptedCredentials()).getBytes(StandardCharsets.UTF_8));
        assertThat(credentials.get("accessToken").stringValue()).isEqualTo("EAAG-secret-access");
        assertThat(credentials.get("appSecret").stringValue()).isEqualTo("app-secret-value");
        assertThat(credentials.get("verifyToken").stringValue()).isEqualTo("verify-me");
    }

    static Stream<Arguments> invalidPlacements() {
        String big = "x".repeat(70 * 1024);
        return Stream.of(
                Arguments.of("EVO_GO", "{\"to\":", "body"),
                Arguments.of("EVO_GO", "[\"" + TO + "\"]", "body"),
                Arguments.of("EVO_GO", "", "body"),
                Arguments.of("EVO_GO", "{\"to\":\"" + TO + "\",\"to\":\"+5511911112222\"}", "body"),
                Arguments.of("EVO_GO", "{\"to\":\"" + TO + "\",\"priority\":1}", "priority"),
                Arguments.of("EVO_GO", "{\"to\":5511988887777}", "to"),
                Arguments.of("EVO_GO", "{}", "to"),
                Arguments.of("EVO_GO", "{\"to\":\"5511988887777\"}", "to"),
                Arguments.of("EVO_GO", "{\"to\":\"+0511988887777\"}", "to"),
                Arguments.of("EVO_GO", "{\"to\":\"" + TO + "\",\"sdp\":\"v=0\"}", "sdp"),
                Arguments.of("EVO_GO", "{\"to\":\"" + TO + "\",\"bizOpaqueCallbackData\":\"" + "x".repeat(513) + "\"}",
                        "bizOpaqueCallbackData"),
                Arguments.of("EVO_GO", "{\"to\":\"" + TO + "\",\"bizOpaqueCallbackData\":7}", "bizOpaqueCallbackData"),
                Arguments.of("EVO_GO", "{\"to\":\"" + TO + "\",\"bizOpaqueCallbackData\":\"" + big + "\"}", "body"),
                Arguments.of("META", "{\"to\":\"" + TO + "\"}", "sdp"),
                Arguments.of("META", "{\"to\":\"" + TO + "\",\"sdp\":\"v=0\",\"sdpType\":\"answer\"}", "sdpType"),
                Arguments.of("META", "{\"to\":\"" + TO + "\",\"sdp\":[\"v=0\"]}", "sdp"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("invalidPlacements")
    void invalidPlacementsAreRefusedNamingTheFieldAndProduceNothing(String provider, String body, String field) {
        NumberFixture number = provider.equals("META") ? fixtures.metaNumber(fixtures.tenant())
                : fixtures.evoGoNumber(fixtures.tenant());

        JsonNode error = json(http.post().uri("/v1/calls").header("x-api-key", number.key())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(), HttpStatus.BAD_REQUEST);

        assertThat(error.get("code").stringValue()).isEqualTo("INVALID_REQUEST");
        assertThat(error.at("/details/field").stringValue()).isEqualTo(field);
        assertThat(error.get("error").stringValue()).isNotBlank();
        if (field.equals("sdp") && provider.equals("EVO_GO")) {
            assertThat(error.get("error").stringValue()).contains("sdp is not accepted on Evolution GO numbers");
        }
        assertOnlyMarkerCommandFollows(number);
    }

    @Test
    void noReplyInTimeIsAGatewayTimeoutAndTheLatePlacementIsHungUp() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        TestInfra.signaling().behave(number.id(), FakeSignalingService.silent());
        double timeoutsBefore = commandTimer("place", "timeout");

        JsonNode error = json(http.post().uri("/v1/calls").header("x-api-key", number.key())
                .bodyValue(Map.of("to", TO)).exchange(), HttpStatus.GATEWAY_TIMEOUT);

        assertThat(error.get("code").stringValue()).isEqualTo("PROVIDER_TIMEOUT");
        assertThat(error.get("error").stringValue()).contains("the call was not placed, or is hung up at once");
        List<CallCommand> sent = await().atMost(Duration.ofSeconds(20))
                .until(() -> commandsOf(number), c -> c.size() == 2);
        assertThat(sent.get(0).getAction()).isInstanceOf(PlaceCall.class);
        assertThat(sent.get(1).getAction()).isInstanceOf(TerminateCall.class);
        assertThat(sent.get(1).getCallId()).isEqualTo(sent.get(0).getCallId());
        assertThat(commandTimer("place", "timeout")).isEqualTo(timeoutsBefore + 1);
    }

    @Test
    void noReplyToAnActionIsAGatewayTimeoutThatDoesNotClaimNothingChanged() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        String callId = io.ringline.platform.ids.Ids.newId("call");
        TestInfra.http().addCall(number.id(), callId, "3EB0517E47", "RINGING", Instant.now());
        TestInfra.signaling().behave(number.id(), FakeSignalingService.silent());

        JsonNode error = json(http.post().uri("/v1/calls/{id}/accept", callId).header("x-api-key", number.key())
                .exchange(), HttpStatus.GATEWAY_TIMEOUT);

        assertThat(error.get("code").stringValue()).isEqualTo("PROVIDER_TIMEOUT");
        // the signaling service starts no command past its deadline; one under way may have changed the call
        assertThat(error.get("error").stringValue())
                .contains("will not be carried out later")
                .contains("unless it was already under way")
                .doesNotContain("nothing was changed");
    }

    @Test
    void anErrorReplyBecomesTheHttpErrorVerbatim() {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());
        TestInfra.signaling().behave(number.id(), FakeSignalingService.fail(403, "META_CALL_PERMISSION_REQUIRED",
                "The user has not granted call permission", "{\"metaCode\":138006,\"metaMessage\":\"no permission\"}"));

        JsonNode error = json(http.post().uri("/v1/calls").header("x-api-key", number.key())
                .bodyValue(Map.of("to", TO, "sdp", OFFER)).exchange(), HttpStatus.FORBIDDEN);

        assertThat(error.get("code").stringValue()).isEqualTo("META_CALL_PERMISSION_REQUIRED");
        assertThat(error.get("error").stringValue()).isEqualTo("The user has not granted call permission");
        assertThat(error.at("/details/metaCode").intValue()).isEqualTo(138006);
        assertThat(error.at("/details/metaMessage").stringValue()).isEqualTo("no permission");
        assertThat(commandTimer("place", "error")).isPositive();
    }

    @Test
    void acceptRejectTerminateResolveTheProvidersIdToRinglinesId() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        String callId = io.ringline.platform.ids.Ids.newId("call");
        TestInfra.http().addCall(number.id(), callId, "3EB0C0FFEE", "RINGING", Instant.now());

        JsonNode accepted = json(http.post().uri("/v1/calls/3EB0C0FFEE/accept").header("x-api-key", number.key())
                .exchange(), HttpStatus.OK);
        assertThat(accepted.get("success").booleanValue()).isTrue();
        assertThat(accepted.get("id").stringValue()).isEqualTo(callId);
        assertThat(accepted.get("status").stringValue()).isEqualTo("ACCEPTED");

        JsonNode rejected = json(http.post().uri("/v1/calls/{id}/reject", callId).header("x-api-key", number.key())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange(), HttpStatus.OK);
        assertThat(rejected.get("status").stringValue()).isEqualTo("REJECTED");

        JsonNode terminated = json(http.post().uri("/v1/calls/{id}/terminate", callId)
                .header("x-api-key", number.key()).exchange(), HttpStatus.OK);
        assertThat(terminated.get("id").stringValue()).isEqualTo(callId);
        assertThat(terminated.get("status").stringValue()).isEqualTo("COMPLETED");

        List<CallCommand> sent = await().atMost(Duration.ofSeconds(10))
                .until(() -> commandsOf(number), c -> c.size() == 3);
        // The reference travels as given; signaling resolves it and answers with Ringline's id (above).
        assertThat(sent).extracting(CallCommand::getCallId).containsExactly("3EB0C0FFEE", callId, callId);
        assertThat(sent.get(0).getAction()).isEqualTo(new AcceptCall(null));
        assertThat(sent.get(1).getAction()).isInstanceOf(RejectCall.class);
        assertThat(sent.get(2).getAction()).isInstanceOf(TerminateCall.class);
        assertThat(TestInfra.http().seen()).as("no HTTP lookup at the signaling service before a command")
                .noneMatch(seen -> seen.path().startsWith("/internal/numbers/" + number.id() + "/calls"));
    }

    @Test
    void metaAcceptNeedsTheSdpAnswer() {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());
        String callId = io.ringline.platform.ids.Ids.newId("call");
        TestInfra.http().addCall(number.id(), callId, "wacid.HBgLMTIzNDU2Nzg5MA", "RINGING", Instant.now());

        JsonNode missing = json(http.post().uri("/v1/calls/{id}/accept", callId).header("x-api-key", number.key())
                .exchange(), HttpStatus.BAD_REQUEST);
        assertThat(missing.at("/details/field").stringValue()).isEqualTo("sdp");
        JsonNode wrongType = json(http.post().uri("/v1/calls/{id}/accept", callId).header("x-api-key", number.key())
                .bodyValue(Map.of("sdp", OFFER, "sdpType", "offer")).exchange(), HttpStatus.BAD_REQUEST);
        assertThat(wrongType.at("/details/field").stringValue()).isEqualTo("sdpType");

        json(http.post().uri("/v1/calls/wacid.HBgLMTIzNDU2Nzg5MA/accept").header("x-api-key", number.key())
                .bodyValue(Map.of("sdp", OFFER, "sdpType", "answer")).exchange(), HttpStatus.OK);

        List<CallCommand> sent = await().atMost(Duration.ofSeconds(10))
                .until(() -> commandsOf(number), c -> c.size() == 1);
        assertThat(sent.getFirst().getCallId()).isEqualTo("wacid.HBgLMTIzNDU2Nzg5MA");
        assertThat(sent.getFirst().getAction()).isEqualTo(new AcceptCall(OFFER));
    }

    @Test
    void actionsOnUnknownCallsAreNotFoundAndBadBodiesProduceNothing() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        String callId = io.ringline.platform.ids.Ids.newId("call");
        TestInfra.http().addCall(number.id(), callId, "3EB0AAAA", "RINGING", Instant.now());

        String unknownId = io.ringline.platform.ids.Ids.newId("call");
        JsonNode unknown = json(http.post().uri("/v1/calls/{id}/terminate", unknownId)
                .header("x-api-key", number.key()).exchange(), HttpStatus.NOT_FOUND);
        assertThat(unknown.get("code").stringValue()).isEqualTo("CALL_NOT_FOUND");
        JsonNode notAnId = json(http.post().uri("/v1/calls/{id}/terminate", "not_a-call:id!")
                .header("x-api-key", number.key()).exchange(), HttpStatus.NOT_FOUND);
        assertThat(notAnId.get("code").stringValue()).isEqualTo("CALL_NOT_FOUND");
        // An encoded space never makes it to the handler: the firewall refuses the path (docs/security.md).
        JsonNode spaced = json(http.post().uri("/v1/calls/{id}/terminate", "no spaces allowed!")
                .header("x-api-key", number.key()).exchange(), HttpStatus.BAD_REQUEST);
        assertThat(spaced.get("code").stringValue()).isEqualTo("INVALID_PATH");
        JsonNode sdpOnGo = json(http.post().uri("/v1/calls/{id}/accept", callId).header("x-api-key", number.key())
                .bodyValue(Map.of("sdp", OFFER)).exchange(), HttpStatus.BAD_REQUEST);
        assertThat(sdpOnGo.at("/details/field").stringValue()).isEqualTo("sdp");
        JsonNode rejectBody = json(http.post().uri("/v1/calls/{id}/reject", callId).header("x-api-key", number.key())
                .bodyValue(Map.of("reason", "busy")).exchange(), HttpStatus.BAD_REQUEST);
        assertThat(rejectBody.at("/details/field").stringValue()).isEqualTo("reason");

        // the unknown call's terminate went out and signaling answered 404; nothing else produced a command
        assertOnlyMarkerCommandFollows(number, unknownId);
    }

    @Test
    void aCallOfAnotherNumberOrTenantIsNotFound() {
        NumberFixture a = fixtures.evoGoNumber(fixtures.tenant());
        TenantFixture otherTenant = fixtures.tenant();
        NumberFixture b = fixtures.evoGoNumber(otherTenant);
        String callId = io.ringline.platform.ids.Ids.newId("call");
        TestInfra.http().addCall(a.id(), callId, "3EB0BBBB", "RINGING", Instant.now());

        for (String ref : List.of(callId, "3EB0BBBB")) {
            JsonNode error = json(http.post().uri("/v1/calls/{id}/terminate", ref).header("x-api-key", b.key())
                    .exchange(), HttpStatus.NOT_FOUND);
            assertThat(error.get("code").stringValue()).isEqualTo("CALL_NOT_FOUND");
            json(http.get().uri("/v1/calls/{id}", ref).header("x-api-key", b.key()).exchange(), HttpStatus.NOT_FOUND);
        }
        // b's terminates went out under b's number, where signaling finds no such call; a's call saw nothing
        assertOnlyMarkerCommandFollows(b, callId, "3EB0BBBB");
        assertThat(commandsOf(a)).isEmpty();
    }

    static Stream<Arguments> providerSpecificRoutes() {
        return Stream.of(
                Arguments.of("EVO_GO", "GET", "/v1/calls/settings", 400, "FEATURE_NOT_SUPPORTED"),
                Arguments.of("EVO_GO", "PUT", "/v1/calls/settings", 400, "FEATURE_NOT_SUPPORTED"),
                Arguments.of("EVO_GO", "GET", "/v1/calls/permissions?to=%2B5511988887777", 400, "FEATURE_NOT_SUPPORTED"),
                Arguments.of("EVO_GO", "POST", "/v1/calls/permissions/request", 400, "FEATURE_NOT_SUPPORTED"),
                Arguments.of("EVO_GO", "POST", "/v1/calls/CALLREF/pre-accept", 400, "FEATURE_NOT_SUPPORTED"),
                Arguments.of("META", "POST", "/v1/calls/CALLREF/play", 400, "FEATURE_NOT_SUPPORTED"),
                Arguments.of("META", "POST", "/v1/calls/CALLREF/realtime-session", 400, "FEATURE_NOT_SUPPORTED"));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("providerSpecificRoutes")
    void providerSpecificRoutesAnswerByProviderAndStaticRoutesWinOverCallIds(String provider, String method,
            String path, int status, String code) {
        NumberFixture number = provider.equals("META") ? fixtures.metaNumber(fixtures.tenant())
                : fixtures.evoGoNumber(fixtures.tenant());
        String uri = path.replace("CALLREF", io.ringline.platform.ids.Ids.newId("call"));
        int seenBefore = TestInfra.http().seen().size();

        JsonNode error = json(http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
                .header("x-api-key", number.key()).exchange(), HttpStatus.valueOf(status));

        assertThat(error.get("code").stringValue()).isEqualTo(code);
        assertThat(error.get("error").stringValue()).isNotBlank();
        assertThat(TestInfra.http().seen().subList(seenBefore, TestInfra.http().seen().size()))
                .as("no call lookup for a static route or an unsupported feature")
                .noneMatch(seen -> seen.path().contains(number.id()));
    }

    // --- helpers -----------------------------------------------------------------------------------

    /**
     * Proves that nothing was produced for this number before now: a valid command sent after the refused
     * requests is the first one on the number's partition (one key, one partition, broker order).
     */
    /** The number's commands were exactly terminates of {@code refsBefore}, then the marker placement. */
    private void assertOnlyMarkerCommandFollows(NumberFixture number, String... refsBefore) {
        int before = commandsOf(number).size();
        String markerTo = "+5511900000001";
        Map<String, Object> body = number.provider().equals("META") ? Map.of("to", markerTo, "sdp", OFFER)
                : Map.of("to", markerTo);
        http.post().uri("/v1/calls").header("x-api-key", number.key()).bodyValue(body).exchange()
                .expectStatus().isCreated();
        List<CallCommand> sent = await().atMost(Duration.ofSeconds(10))
                .until(() -> commandsOf(number), c -> c.size() > before);
        assertThat(sent).hasSize(refsBefore.length + 1);
        assertThat(sent.subList(0, refsBefore.length)).extracting(CallCommand::getCallId).containsExactly(refsBefore);
        assertThat(sent.subList(0, refsBefore.length)).allSatisfy(c -> assertThat(c.getAction())
                .isInstanceOf(TerminateCall.class));
        assertThat(((PlaceCall) sent.getLast().getAction()).getTo()).isEqualTo(markerTo);
    }

    private List<ConsumerRecord<String, SpecificRecord>> commands(NumberFixture number) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> TestInfra.signaling().commandsFor(number.id()), r -> !r.isEmpty());
    }

    /** The number's latest revision on the numbers topic, published when it was registered. */
    private static NumberContext publishedNumber(NumberFixture number) {
        return ((io.ringline.schemas.avro.NumberRevision) await().atMost(Duration.ofSeconds(10))
                .until(() -> TestInfra.numbers().keyed(number.id()), r -> !r.isEmpty()).getLast().value()).getNumber();
    }

    private List<CallCommand> commandsOf(NumberFixture number) {
        return TestInfra.signaling().commandsFor(number.id()).stream().map(r -> (CallCommand) r.value()).toList();
    }

    private double commandTimer(String command, String outcome) {
        var timer = meters.find("ringline.gateway.command").tag("command", command).tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private static String header(ConsumerRecord<String, SpecificRecord> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
