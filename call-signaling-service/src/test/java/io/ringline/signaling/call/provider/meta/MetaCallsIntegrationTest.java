package io.ringline.signaling.call.provider.meta;

import static io.ringline.signaling.support.Fixtures.metaSignal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.CommandReply;
import io.ringline.schemas.avro.Direction;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.signaling.support.FakeMetaGraph;
import io.ringline.signaling.support.Fixtures;
import io.ringline.signaling.support.IntegrationTest;
import io.ringline.testsupport.sdp.SdpFixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

/**
 * The META flow end to end: commands and Meta webhook values on the real broker, calls in the real
 * database, requests to a fake Graph API over real HTTP.
 */
class MetaCallsIntegrationTest extends IntegrationTest {

    @LocalServerPort
    int port;

    private static final String OFFER = SdpFixtures.offer();
    private static final String ANSWER = SdpFixtures.answer();

    // ---- business-initiated ----

    @Test
    void anAnsweredBusinessCallRelaysSdpAndIsBilledByPulse() {
        FakeMetaGraph.Account meta = graph.newAccount().connectsAs("wacid.BIC-1");
        NumberContext number = newMetaNumber(meta);
        String callId = placed(number, "wacid.BIC-1");

        var connect = meta.calls("connect").getFirst();
        assertThat(connect.authorization()).isEqualTo("Bearer " + meta.accessToken());
        assertThat(connect.body().path("messaging_product").asString()).isEqualTo("whatsapp");
        assertThat(connect.body().path("to").asString()).isEqualTo("5511988880000");
        assertThat(connect.body().path("session").path("sdp_type").asString()).isEqualTo("offer");
        assertThat(connect.body().path("session").path("sdp").asString()).isEqualTo(OFFER);
        assertThat(connect.body().path("biz_opaque_callback_data").asString()).isEqualTo("order-42");

        send(metaSignal(number, "meta.calls", bicConnect("wacid.BIC-1")));
        send(metaSignal(number, "meta.calls", status("wacid.BIC-1", "RINGING")));
        send(metaSignal(number, "meta.calls", status("wacid.BIC-1", "ACCEPTED")));
        String terminate = terminate("wacid.BIC-1", "BUSINESS_INITIATED", "COMPLETED", 56, null);
        send(metaSignal(number, "meta.calls", terminate));

        List<CallEvent> events = awaitEvents(callId, 3);
        assertThat(events).extracting(CallEvent::getType).containsExactly(CallEventType.CALL_RINGING,
                CallEventType.CALL_CONNECTED, CallEventType.CALL_ENDED);
        CallEvent ended = events.get(2);
        assertThat(ended.getStatus()).isEqualTo(CallStatus.COMPLETED);
        assertThat(ended.getDurationSeconds()).isEqualTo(56);
        assertThat(ended.getBilling().getPulses()).isEqualTo(10);
        assertThat(ended.getBilling().getBillableSeconds()).isEqualTo(60);
        assertThat(ended.getBizOpaqueCallbackData()).isEqualTo("order-42");
        JsonNode shown = internalCall(number, callId);
        assertThat(shown.path("sdpOffer").asString()).isEqualTo(OFFER);
        assertThat(shown.path("sdpAnswer").asString()).isEqualTo(ANSWER);
        assertThat(shown.path("billing").path("pulses").asInt()).isEqualTo(10);
        assertThat(shown.path("billing").path("billableSeconds").asInt()).isEqualTo(60);

        List<CallEvent> raw = await().atMost(WAIT).until(
                () -> numberEvents(number.getNumberId(), CallEventType.CALLS_RAW), list -> list.size() >= 4);
        assertThat(raw).hasSize(4).allSatisfy(e -> {
            assertThat(e.getCallId()).isEqualTo(callId);
            assertThat(e.getExternalCallId()).isEqualTo("wacid.BIC-1");
        });
        // numbered in the number's own sequence; the call's events keep theirs (1, 2, 3 above)
        assertThat(raw).extracting(CallEvent::getSequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events).extracting(CallEvent::getSequence).containsExactly(1L, 2L, 3L);
        assertThat(raw).extracting(CallEvent::getRawJson).contains(terminate);
    }

    @Test
    void aRejectedBusinessCallEndsRejectedAndItsTerminateChangesNothing() {
        FakeMetaGraph.Account meta = graph.newAccount().connectsAs("wacid.BIC-REJ");
        NumberContext number = newMetaNumber(meta);
        String callId = placed(number, "wacid.BIC-REJ");

        send(metaSignal(number, "meta.calls", status("wacid.BIC-REJ", "RINGING")));
        send(metaSignal(number, "meta.calls", status("wacid.BIC-REJ", "REJECTED")));
        send(metaSignal(number, "meta.calls", terminate("wacid.BIC-REJ", "BUSINESS_INITIATED", "COMPLETED", null, null)));

        await().atMost(WAIT).until(() -> numberEvents(number.getNumberId(), CallEventType.CALLS_RAW).size() == 3);
        List<CallEvent> events = events(callId);
        assertThat(events).extracting(CallEvent::getType).containsExactly(CallEventType.CALL_RINGING,
                CallEventType.CALL_ENDED);
        assertThat(events.get(1).getStatus()).isEqualTo(CallStatus.REJECTED);
        assertThat(events.get(1).getEndReason()).isEqualTo("REJECTED");
        assertThat(events.get(1).getBilling()).isNull();
    }

    @Test
    void anUnansweredBusinessCallFailsWithNoAnswer() {
        FakeMetaGraph.Account meta = graph.newAccount().connectsAs("wacid.BIC-NA");
        NumberContext number = newMetaNumber(meta);
        String callId = placed(number, "wacid.BIC-NA");

        send(metaSignal(number, "meta.calls", status("wacid.BIC-NA", "RINGING")));
        send(metaSignal(number, "meta.calls", terminate("wacid.BIC-NA", "BUSINESS_INITIATED", "Completed", null, null)));

        CallEvent ended = awaitEvents(callId, 2).get(1);
        assertThat(ended.getStatus()).isEqualTo(CallStatus.FAILED);
        assertThat(ended.getEndReason()).isEqualTo("NO_ANSWER");
        assertThat(ended.getBilling()).isNull();
    }

    @Test
    void aTerminateWithAnErrorFailsTheCallWithMetasCode() {
        FakeMetaGraph.Account meta = graph.newAccount().connectsAs("wacid.BIC-ERR");
        NumberContext number = newMetaNumber(meta);
        String callId = placed(number, "wacid.BIC-ERR");

        send(metaSignal(number, "meta.calls", status("wacid.BIC-ERR", "ACCEPTED")));
        send(metaSignal(number, "meta.calls", terminate("wacid.BIC-ERR", "BUSINESS_INITIATED", "FAILED", 12, 138021)));

        CallEvent ended = awaitEvents(callId, 2).get(1);
        assertThat(ended.getStatus()).isEqualTo(CallStatus.FAILED);
        assertThat(ended.getEndReason()).isEqualTo("META_138021");
    }

    @ParameterizedTest(name = "connect refused with Meta {0} → {1} {2}")
    @CsvSource({
        "138006, 403, META_CALL_PERMISSION_REQUIRED",
        "138012, 429, META_CALL_LIMIT_REACHED",
        "131044, 402, META_CALLING_PAYMENT_REQUIRED",
        "138013, 502, PROVIDER_ERROR",
    })
    void aRefusedConnectFailsTheCallWithTheMappedError(long metaCode, int httpStatus, String code) {
        FakeMetaGraph.Account meta = graph.newAccount().answer("connect", 400, FakeMetaGraph.error(metaCode, "no"));
        NumberContext number = newMetaNumber(meta);
        CallCommand place = Fixtures.placeMeta(number, Ids.newId("call"), "+5511988880000", OFFER);

        send(place);
        CommandReply reply = awaitReply(place.getCommandId());

        assertThat(reply.getError().getHttpStatus()).isEqualTo(httpStatus);
        assertThat(reply.getError().getCode()).isEqualTo(code);
        assertThat(reply.getError().getDetailsJson()).contains("\"providerCode\":" + metaCode);
        assertThat(awaitEvents(place.getCallId(), 1).getFirst().getStatus()).isEqualTo(CallStatus.FAILED);
    }

    @Test
    void aConnectThatTimesOutFailsTheCallWith504AndIsHungUpAtMetaWhenItsIdArrivesLate() {
        // Meta creates the call but answers after the 1 s provider timeout
        FakeMetaGraph.Account meta = graph.newAccount().answer("connect", 200,
                "{\"calls\":[{\"id\":\"wacid.SLOW\"}]}", Duration.ofSeconds(3));
        NumberContext number = newMetaNumber(meta);
        CallCommand place = Fixtures.placeMeta(number, Ids.newId("call"), "+5511988880000", OFFER);

        send(place);
        CommandReply reply = awaitReply(place.getCommandId());

        assertThat(reply.getError().getHttpStatus()).isEqualTo(504);
        assertThat(reply.getError().getCode()).isEqualTo("PROVIDER_TIMEOUT");
        CallEvent ended = awaitEvents(place.getCallId(), 1).getFirst();
        assertThat(ended.getStatus()).isEqualTo(CallStatus.FAILED);
        assertThat(ended.getEndReason()).isEqualTo("PROVIDER_TIMEOUT");

        // the late answer names the call: it is hung up at Meta and the failed call keeps Meta's id
        var terminate = await().atMost(WAIT).until(() -> meta.calls("terminate"), list -> !list.isEmpty());
        assertThat(terminate).singleElement()
                .satisfies(t -> assertThat(t.body().path("call_id").asString()).isEqualTo("wacid.SLOW"));
        assertThat(column(place.getCallId(), "external_call_id", String.class)).isEqualTo("wacid.SLOW");
        assertThat(status(place.getCallId())).isEqualTo("FAILED");
        // Meta's reports of the call it hung up change nothing: no second event
        send(metaSignal(number, "meta.calls", status("wacid.SLOW", "RINGING")));
        send(metaSignal(number, "meta.calls", terminate("wacid.SLOW", "BUSINESS_INITIATED", "COMPLETED", null, null)));
        await().atMost(WAIT).until(() -> numberEvents(number.getNumberId(), CallEventType.CALLS_RAW).size() == 2);
        assertThat(events(place.getCallId())).hasSize(1);
        assertThat(parkedSignals(number.getNumberId())).isZero();
    }

    @Test
    void aCallGivenUpBeforeMetaNamedItIsHungUpWhenMetasWebhookNamesIt() {
        // Meta creates the call, but its answer never comes in time (held past the timeout and the late window)
        Sinks.Empty<Void> release = Sinks.empty();
        FakeMetaGraph.Account meta = graph.newAccount().holdUntil("connect", release);
        String metaId = "wacid." + meta.phoneNumberId() + "-1";
        NumberContext number = newMetaNumber(meta);
        CallCommand place = Fixtures.placeMeta(number, Ids.newId("call"), "+5511988880000", OFFER);
        send(place);
        assertThat(awaitReply(place.getCommandId()).getError().getCode()).isEqualTo("PROVIDER_TIMEOUT");
        await().atMost(WAIT).until(() -> "FAILED".equals(status(place.getCallId())));

        // an unknown call to another user is not ours to hang up: kept for its call, as ever
        send(metaSignal(number, "meta.calls", statusTo("wacid.OTHER", "RINGING", "5511900000001")));
        await().atMost(WAIT).until(() -> parkedSignals(number.getNumberId()) == 1);
        // Meta reports the call it created to the user we called: that is the call we gave up on
        send(metaSignal(number, "meta.calls", status(metaId, "RINGING")));

        var terminate = await().atMost(WAIT).until(() -> meta.calls("terminate"), list -> !list.isEmpty());
        assertThat(terminate).singleElement()
                .satisfies(t -> assertThat(t.body().path("call_id").asString()).isEqualTo(metaId));
        assertThat(column(place.getCallId(), "external_call_id", String.class)).isEqualTo(metaId);
        assertThat(status(place.getCallId())).isEqualTo("FAILED");
        assertThat(events(place.getCallId())).extracting(CallEvent::getType).containsExactly(CallEventType.CALL_ENDED);
        assertThat(parkedSignals(number.getNumberId())).isEqualTo(1);
        release.tryEmitEmpty();
    }

    // ---- user-initiated ----

    @Test
    void anInboundCallAnsweredThenHungUpByTheUser() {
        FakeMetaGraph.Account meta = graph.newAccount();
        NumberContext number = newMetaNumber(meta);
        String callId = inboundRinging(number, "wacid.UIC-1");

        CommandReply accept = execute(Fixtures.acceptMeta(number, callId, ANSWER));
        send(metaSignal(number, "meta.calls", terminate("wacid.UIC-1", "USER_INITIATED", "COMPLETED", 30, null)));

        assertThat(accept.getCall().getStatus()).isEqualTo(CallStatus.ACCEPTED);
        var sent = meta.calls("accept").getFirst();
        assertThat(sent.body().path("call_id").asString()).isEqualTo("wacid.UIC-1");
        assertThat(sent.body().path("session").path("sdp_type").asString()).isEqualTo("answer");
        assertThat(sent.body().path("session").path("sdp").asString()).isEqualTo(ANSWER);
        List<CallEvent> events = awaitEvents(callId, 3);
        assertThat(events).extracting(CallEvent::getType).containsExactly(CallEventType.CALL_RINGING,
                CallEventType.CALL_CONNECTED, CallEventType.CALL_ENDED);
        assertThat(events.get(2).getStatus()).isEqualTo(CallStatus.COMPLETED);
        assertThat(events.get(2).getDurationSeconds()).isEqualTo(30);
        assertThat(events.get(2).getBilling()).isNull(); // user-initiated calls are free
        JsonNode shown = internalCall(number, callId);
        assertThat(shown.path("sdpOffer").asString()).isEqualTo(OFFER);
        assertThat(shown.path("sdpAnswer").asString()).isEqualTo(ANSWER);
        assertThat(shown.has("billing")).isFalse();
    }

    @Test
    void anInboundCallAnsweredThenHungUpByTheBusiness() {
        FakeMetaGraph.Account meta = graph.newAccount();
        NumberContext number = newMetaNumber(meta);
        String callId = inboundRinging(number, "wacid.UIC-2");

        execute(Fixtures.acceptMeta(number, callId, ANSWER));
        CommandReply terminate = execute(Fixtures.terminate(number, callId));

        assertThat(terminate.getCall().getStatus()).isEqualTo(CallStatus.COMPLETED);
        assertThat(meta.calls("terminate")).singleElement()
                .satisfies(r -> assertThat(r.body().path("call_id").asString()).isEqualTo("wacid.UIC-2"));
        assertThat(awaitEvents(callId, 3).get(2).getEndReason()).isEqualTo("HANGUP");
    }

    @Test
    void anInboundCallRejected() {
        FakeMetaGraph.Account meta = graph.newAccount();
        NumberContext number = newMetaNumber(meta);
        String callId = inboundRinging(number, "wacid.UIC-3");

        CommandReply reject = execute(Fixtures.reject(number, callId));

        assertThat(reject.getCall().getStatus()).isEqualTo(CallStatus.REJECTED);
        assertThat(meta.calls("reject")).singleElement()
                .satisfies(r -> assertThat(r.body().path("call_id").asString()).isEqualTo("wacid.UIC-3"));
        assertThat(awaitEvents(callId, 2).get(1).getStatus()).isEqualTo(CallStatus.REJECTED);
    }

    @Test
    void anInboundCallTheCallerGaveUpOnIsMissed() {
        FakeMetaGraph.Account meta = graph.newAccount();
        NumberContext number = newMetaNumber(meta);
        String callId = inboundRinging(number, "wacid.UIC-4");

        send(metaSignal(number, "meta.calls", terminate("wacid.UIC-4", "USER_INITIATED", "COMPLETED", null, null)));

        CallEvent missed = awaitEvents(callId, 2).get(1);
        assertThat(missed.getType()).isEqualTo(CallEventType.CALL_MISSED);
        assertThat(missed.getStatus()).isEqualTo(CallStatus.MISSED);
    }

    @Test
    void preAcceptSendsTheAnswerEarlyAndTheAcceptMustRepeatIt() {
        FakeMetaGraph.Account meta = graph.newAccount();
        NumberContext number = newMetaNumber(meta);
        String callId = inboundRinging(number, "wacid.UIC-6");

        CommandReply preAccept = execute(Fixtures.preAccept(number, callId, ANSWER));
        CommandReply different = execute(Fixtures.acceptMeta(number, callId, ANSWER + "a=extra\r\n"));
        CommandReply same = execute(Fixtures.acceptMeta(number, callId, ANSWER));

        assertThat(preAccept.getCall().getStatus()).isEqualTo(CallStatus.RINGING);
        var sent = meta.calls("pre_accept").getFirst().body();
        assertThat(sent.path("session").path("sdp_type").asString()).isEqualTo("answer");
        assertThat(sent.path("session").path("sdp").asString()).isEqualTo(ANSWER);
        assertThat(different.getError().getHttpStatus()).isEqualTo(400);
        assertThat(different.getError().getCode()).isEqualTo("INVALID_REQUEST");
        assertThat(same.getCall().getStatus()).isEqualTo(CallStatus.ACCEPTED);
        assertThat(meta.calls("accept")).singleElement()
                .satisfies(r -> assertThat(r.body().path("session").path("sdp").asString()).isEqualTo(ANSWER));
        assertThat(awaitEvents(callId, 2)).extracting(CallEvent::getType)
                .containsExactly(CallEventType.CALL_RINGING, CallEventType.CALL_CONNECTED); // pre-accept is silent
    }

    @Test
    void aGraphErrorOnAcceptLeavesTheCallRinging() {
        FakeMetaGraph.Account meta = graph.newAccount().answer("accept", 400, FakeMetaGraph.error(100, "bad SDP"));
        NumberContext number = newMetaNumber(meta);
        String callId = inboundRinging(number, "wacid.UIC-7");

        CommandReply accept = execute(Fixtures.acceptMeta(number, callId, ANSWER));

        assertThat(accept.getError().getHttpStatus()).isEqualTo(502);
        assertThat(accept.getError().getCode()).isEqualTo("PROVIDER_ERROR");
        assertThat(accept.getError().getDetailsJson()).contains("\"providerCode\":100");
        assertThat(status(callId)).isEqualTo("RINGING");
    }

    // ---- at least once, any order ----

    @Test
    void aTerminateBeforeItsConnectIsKeptAndEndsTheCallWhenItAppears() {
        FakeMetaGraph.Account meta = graph.newAccount();
        NumberContext number = newMetaNumber(meta);

        send(metaSignal(number, "meta.calls", terminate("wacid.UIC-8", "USER_INITIATED", "COMPLETED", null, null)));
        await().atMost(WAIT).until(() -> numberEvents(number.getNumberId(), CallEventType.CALLS_RAW).size() == 1);
        send(metaSignal(number, "meta.calls", uicConnect("wacid.UIC-8")));

        String callId = awaitCallByExternal(number.getNumberId(), "wacid.UIC-8");
        assertThat(awaitEvents(callId, 2)).extracting(CallEvent::getType)
                .containsExactly(CallEventType.CALL_RINGING, CallEventType.CALL_MISSED);
        assertThat(numberEvents(number.getNumberId(), CallEventType.CALLS_RAW).getFirst().getCallId()).isNull();
    }

    @Test
    void duplicatedAndReorderedSignalsChangeNothing() {
        FakeMetaGraph.Account meta = graph.newAccount().connectsAs("wacid.BIC-DUP");
        NumberContext number = newMetaNumber(meta);
        String callId = placed(number, "wacid.BIC-DUP");

        var accepted = metaSignal(number, "meta.calls", status("wacid.BIC-DUP", "ACCEPTED"));
        send(accepted);
        send(accepted); // Meta's duplicate: same value, same signal id
        send(metaSignal(number, "meta.calls", status("wacid.BIC-DUP", "RINGING"))); // overtaken by the answer
        send(metaSignal(number, "meta.calls", bicConnect("wacid.BIC-DUP"))); // late connect still gives the SDP
        await().atMost(WAIT).until(() -> numberEvents(number.getNumberId(), CallEventType.CALLS_RAW).size() == 3);

        assertThat(events(callId)).extracting(CallEvent::getType).containsExactly(CallEventType.CALL_CONNECTED);
        assertThat(status(callId)).isEqualTo("ACCEPTED");
        assertThat(column(callId, "sdp_answer", String.class)).isEqualTo(ANSWER);
    }

    @Test
    void permissionRepliesBecomePermissionEvents() {
        FakeMetaGraph.Account meta = graph.newAccount();
        NumberContext number = newMetaNumber(meta);

        send(metaSignal(number, "meta.messages", permissionReply("5511911112222", "wamid.1")));

        CallEvent updated = await().atMost(WAIT).until(
                () -> numberEvents(number.getNumberId(), CallEventType.CALL_PERMISSION_UPDATED), l -> !l.isEmpty())
                .getFirst();
        assertThat(updated.getPermissionStatus()).isEqualTo("permanent");
        assertThat(updated.getPermissionExpiresAt()).isNull();
        assertThat(updated.getPeerNumber()).isEqualTo("+5511911112222");
        assertThat(updated.getCallId()).isNull();
        assertThat(updated.getSequence()).isEqualTo(1L);
    }

    @Test
    void numberLevelEventsCarryTheNumbersOwnGapFreeSequenceAndCallEventsKeepTheirs() {
        FakeMetaGraph.Account meta = graph.newAccount().connectsAs("wacid.SEQ-1");
        NumberContext number = newMetaNumber(meta);
        NumberContext other = newMetaNumber(graph.newAccount());

        var first = metaSignal(number, "meta.messages", permissionReply("5511911110001", "wamid.S1"));
        send(first);
        send(first); // Meta's duplicate (same signal id): no event, so no number taken
        send(metaSignal(number, "meta.messages", permissionReply("5511911110002", "wamid.S2")));
        send(metaSignal(other, "meta.messages", permissionReply("5511911110003", "wamid.S3")));
        send(metaSignal(number, "meta.messages", permissionReply("5511911110004", "wamid.S4")));
        List<CallEvent> permissions = await().atMost(WAIT).until(
                () -> numberEvents(number.getNumberId(), CallEventType.CALL_PERMISSION_UPDATED), l -> l.size() >= 3);
        assertThat(permissions).extracting(CallEvent::getSequence).containsExactly(1L, 2L, 3L);
        assertThat(permissions).extracting(CallEvent::getPeerNumber)
                .containsExactly("+5511911110001", "+5511911110002", "+5511911110004");
        // another number counts on its own
        assertThat(await().atMost(WAIT).until(() -> numberEvents(other.getNumberId(),
                CallEventType.CALL_PERMISSION_UPDATED), l -> !l.isEmpty())).singleElement()
                .extracting(CallEvent::getSequence).isEqualTo(1L);

        // a call on the number: its events count 1, 2 as ever; the raw `calls` events go on in the number's sequence
        String callId = placed(number, "wacid.SEQ-1");
        send(metaSignal(number, "meta.calls", status("wacid.SEQ-1", "RINGING")));
        send(metaSignal(number, "meta.calls", status("wacid.SEQ-1", "REJECTED")));
        assertThat(awaitEvents(callId, 2)).extracting(CallEvent::getSequence).containsExactly(1L, 2L);
        List<CallEvent> raw = await().atMost(WAIT).until(
                () -> numberEvents(number.getNumberId(), CallEventType.CALLS_RAW), l -> l.size() >= 2);
        assertThat(raw).extracting(CallEvent::getSequence).containsExactly(4L, 5L);
        assertThat(raw).extracting(CallEvent::getCallId).containsOnly(callId);
        assertThat(db.sql("SELECT last_sequence FROM number_event_sequences WHERE number_id = :n")
                .bind("n", number.getNumberId()).map(row -> row.get("last_sequence", Long.class)).one().block(WAIT))
                .isEqualTo(5L);
    }

    // ---- racing ----

    @Test
    void anAcceptRacingTheCallersHangUpEndsInOneStateWithOneEventPerTransition() {
        Sinks.Empty<Void> release = Sinks.empty();
        FakeMetaGraph.Account meta = graph.newAccount().holdUntil("accept", release);
        NumberContext number = newMetaNumber(meta);
        String callId = inboundRinging(number, "wacid.RACE");

        CallCommand accept = Fixtures.acceptMeta(number, callId, ANSWER);
        send(accept);
        await().atMost(WAIT).until(() -> meta.calls("accept").size() == 1); // Meta has the accept in hand
        send(metaSignal(number, "meta.calls", terminate("wacid.RACE", "USER_INITIATED", "COMPLETED", null, null)));
        await().atMost(WAIT).until(() -> "MISSED".equals(status(callId)));
        release.tryEmitEmpty();

        CommandReply reply = awaitReply(accept.getCommandId());
        assertThat(reply.getError().getHttpStatus()).isEqualTo(409);
        assertThat(reply.getError().getCode()).isEqualTo("INVALID_CALL_STATE");
        assertThat(reply.getError().getMessage()).contains("MISSED");
        assertThat(status(callId)).isEqualTo("MISSED");
        assertThat(events(callId)).extracting(CallEvent::getType)
                .containsExactly(CallEventType.CALL_RINGING, CallEventType.CALL_MISSED);
        assertThat(column(callId, "event_sequence", Long.class)).isEqualTo(2L);
    }

    // ---- helpers ----

    private long parkedSignals(String numberId) {
        return db.sql("SELECT count(*) AS n FROM pending_signals WHERE number_id = :n").bind("n", numberId)
                .map(row -> row.get("n", Long.class)).one().block(WAIT);
    }

    private String placed(NumberContext number, String externalCallId) {
        CallCommand place = Fixtures.placeMeta(number, Ids.newId("call"), "+5511988880000", OFFER);
        send(place);
        CommandReply reply = awaitReply(place.getCommandId());
        assertThat(reply.getCall().getExternalCallId()).isEqualTo(externalCallId);
        assertThat(reply.getCall().getStatus()).isEqualTo(CallStatus.INITIATED);
        return place.getCallId();
    }

    private String inboundRinging(NumberContext number, String externalCallId) {
        send(metaSignal(number, "meta.calls", uicConnect(externalCallId)));
        String callId = awaitCallByExternal(number.getNumberId(), externalCallId);
        CallEvent ringing = awaitEvents(callId, 1).getFirst();
        assertThat(ringing.getType()).isEqualTo(CallEventType.CALL_RINGING);
        assertThat(ringing.getDirection()).isEqualTo(Direction.INBOUND);
        assertThat(ringing.getPeerNumber()).isEqualTo("+5511977776666");
        return callId;
    }

    /** The call as the gateway reads it, SDPs included. */
    private JsonNode internalCall(NumberContext number, String callId) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(WAIT).build()
                .get().uri("/internal/numbers/" + number.getNumberId() + "/calls/" + callId + "?includeSdp=1")
                .header("x-internal-token", "test-internal-token")
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private CommandReply execute(CallCommand command) {
        send(command);
        return awaitReply(command.getCommandId());
    }

    private static String permissionReply(String waId, String messageId) {
        return """
                {"messaging_product":"whatsapp","contacts":[{"wa_id":"%s"}],
                 "messages":[{"from":"%s","id":"%s","type":"interactive",
                   "interactive":{"type":"call_permission_reply","call_permission_reply":{"response":"accept",
                   "is_permanent":true,"response_source":"user_action"}}}]}""".formatted(waId, waId, messageId);
    }

    private static String uicConnect(String id) {
        return """
                {"messaging_product":"whatsapp","metadata":{"phone_number_id":"PN"},
                 "contacts":[{"profile":{"name":"Maria"},"wa_id":"5511977776666"}],
                 "calls":[{"id":"%s","to":"16315553601","from":"5511977776666","event":"connect",
                           "timestamp":"1671644824","direction":"USER_INITIATED",
                           "session":{"sdp_type":"offer","sdp":%s}}]}""".formatted(id, quoted(OFFER));
    }

    private static String bicConnect(String id) {
        return """
                {"messaging_product":"whatsapp","calls":[{"id":"%s","to":"5511988880000","from":"16315553601",
                 "event":"connect","direction":"BUSINESS_INITIATED","session":{"sdp_type":"answer","sdp":%s}}]}"""
                .formatted(id, quoted(ANSWER));
    }

    private static String status(String id, String status) {
        return """
                {"messaging_product":"whatsapp","statuses":[{"id":"%s","timestamp":"1671644824","type":"call",
                 "status":"%s","recipient_id":"5511988880000","biz_opaque_callback_data":"order-42"}]}"""
                .formatted(id, status);
    }

    private static String statusTo(String id, String status, String recipient) {
        return """
                {"messaging_product":"whatsapp","statuses":[{"id":"%s","timestamp":"1671644824","type":"call",
                 "status":"%s","recipient_id":"%s"}]}""".formatted(id, status, recipient);
    }

    private static String terminate(String id, String direction, String status, Integer duration, Integer errorCode) {
        return """
                {"messaging_product":"whatsapp","calls":[{"id":"%s","event":"terminate","direction":"%s",
                 "status":"%s"%s}]%s}""".formatted(id, direction, status,
                duration == null ? "" : ",\"start_time\":\"1671644824\",\"end_time\":\"1671644880\",\"duration\":"
                        + duration,
                errorCode == null ? "" : ",\"errors\":[{\"code\":" + errorCode + ",\"message\":\"relay failed\"}]");
    }

    private static String quoted(String sdp) {
        return "\"" + sdp.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
