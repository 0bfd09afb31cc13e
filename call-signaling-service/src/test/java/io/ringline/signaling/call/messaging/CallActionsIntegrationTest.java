package io.ringline.signaling.call.messaging;

import static io.ringline.signaling.support.Fixtures.callId;
import static io.ringline.signaling.support.Fixtures.goSignal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.CommandReply;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.signaling.support.FakeEvoGo;
import io.ringline.signaling.support.Fixtures;
import io.ringline.signaling.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Accept, reject and terminate on EVO_GO: table first, then GO, then the transition and its event. */
class CallActionsIntegrationTest extends IntegrationTest {

    @Test
    void acceptingAnInboundCallAnswersItAtGo() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);
        String callId = inboundRinging(number, "GO-ACC-1", "5511933332222");

        CommandReply reply = execute(Fixtures.accept(number, callId));

        assertThat(reply.getError()).isNull();
        assertThat(reply.getCall().getStatus()).isEqualTo(CallStatus.ACCEPTED);
        assertThat(reply.getCall().getExternalCallId()).isEqualTo("GO-ACC-1");
        assertThat(go.requests("/call/answer")).singleElement()
                .satisfies(r -> assertThat(r.body().path("callId").asString()).isEqualTo("GO-ACC-1"))
                .satisfies(r -> assertThat(r.apikey()).isEqualTo(go.token()));
        List<CallEvent> events = awaitEvents(callId, 2);
        assertThat(events.get(1).getType()).isEqualTo(CallEventType.CALL_CONNECTED);
        assertThat(events.get(1).getSequence()).isEqualTo(2L);
        assertThat(status(callId)).isEqualTo("ACCEPTED");
    }

    @Test
    void anAcceptGoDoesNotConfirmInTimeEndsTheCallAndTheAnswerSaysSo() {
        FakeEvoGo.Instance go = evoGo.newInstance().answer("answer", 200, "{}", Duration.ofSeconds(3));
        NumberContext number = newEvoGoNumber(go);
        String callId = inboundRinging(number, "GO-ACC-SLOW", "5511933332299");

        CommandReply reply = execute(Fixtures.accept(number, callId));

        assertThat(reply.getError().getHttpStatus()).isEqualTo(504);
        assertThat(reply.getError().getCode()).isEqualTo("PROVIDER_TIMEOUT");
        // not "nothing was changed": the call was ended for it, and the tenant is told so
        assertThat(reply.getError().getMessage())
                .isEqualTo("Evolution GO did not answer in time; the call was ended (a call.ended webhook reports it)");
        assertThat(reply.getError().getDetailsJson()).isEqualTo("{\"callEnded\":true}");
        CallEvent ended = awaitEvents(callId, 2).get(1);
        assertThat(ended.getType()).isEqualTo(CallEventType.CALL_ENDED);
        assertThat(ended.getStatus()).isEqualTo(CallStatus.FAILED);
        assertThat(ended.getEndReason()).isEqualTo("PROVIDER_TIMEOUT");
    }

    @Test
    void rejectingAnInboundCallRejectsItAtGoWithTheCallCreator() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);
        String callId = inboundRinging(number, "GO-REJ-1", "5511922221111");

        CommandReply reply = execute(Fixtures.reject(number, callId));

        assertThat(reply.getCall().getStatus()).isEqualTo(CallStatus.REJECTED);
        assertThat(go.requests("/call/reject")).singleElement().satisfies(r -> {
            assertThat(r.body().path("callId").asString()).isEqualTo("GO-REJ-1");
            assertThat(r.body().path("callCreator").asString()).isEqualTo("5511922221111@s.whatsapp.net");
        });
        CallEvent ended = awaitEvents(callId, 2).get(1);
        assertThat(ended.getType()).isEqualTo(CallEventType.CALL_ENDED);
        assertThat(ended.getStatus()).isEqualTo(CallStatus.REJECTED);
    }

    @Test
    void terminatingAnAnsweredCallHangsUpAndCompletesIt() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-TERM-1");
        NumberContext number = newEvoGoNumber(go);
        CallCommand place = Fixtures.place(number, Ids.newId("call"), "+5511911110000");
        execute(place);
        send(goSignal(number, "CallAccept", callId("GO-TERM-1")));
        awaitEvents(place.getCallId(), 1);

        CommandReply reply = execute(Fixtures.terminate(number, place.getCallId()));

        assertThat(reply.getCall().getStatus()).isEqualTo(CallStatus.COMPLETED);
        assertThat(go.requests("/call/hangup")).singleElement()
                .satisfies(r -> assertThat(r.body().path("callId").asString()).isEqualTo("GO-TERM-1"));
        CallEvent ended = awaitEvents(place.getCallId(), 2).get(1);
        assertThat(ended.getStatus()).isEqualTo(CallStatus.COMPLETED);
        assertThat(ended.getDurationSeconds()).isNotNull();
    }

    @Test
    void terminatingAnUnansweredOutboundCallCompletesIt() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-TERM-2");
        NumberContext number = newEvoGoNumber(go);
        CallCommand place = Fixtures.place(number, Ids.newId("call"), "+5511911110001");
        execute(place);

        CommandReply reply = execute(Fixtures.terminate(number, place.getCallId()));

        assertThat(reply.getCall().getStatus()).isEqualTo(CallStatus.COMPLETED);
        assertThat(awaitEvents(place.getCallId(), 1).getFirst().getEndReason()).isEqualTo("CANCELLED");
    }

    @Test
    void anIllegalActionIsRefusedWithTheCurrentStatusAndNeverReachesGo() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);
        String callId = inboundRinging(number, "GO-ILL-1", "5511900001111");
        execute(Fixtures.reject(number, callId));

        CommandReply accept = execute(Fixtures.accept(number, callId));
        CommandReply terminate = execute(Fixtures.terminate(number, callId));

        assertThat(accept.getError().getHttpStatus()).isEqualTo(409);
        assertThat(accept.getError().getCode()).isEqualTo("INVALID_CALL_STATE");
        assertThat(accept.getError().getMessage()).contains("REJECTED");
        assertThat(terminate.getError().getCode()).isEqualTo("INVALID_CALL_STATE");
        assertThat(go.requests("/call/answer")).isEmpty();
        assertThat(go.requests("/call/hangup")).isEmpty();
        assertThat(status(callId)).isEqualTo("REJECTED");
    }

    @Test
    void anOutboundCallCannotBeAccepted() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);
        CallCommand place = Fixtures.place(number, Ids.newId("call"), "+5511911110002");
        execute(place);

        CommandReply accept = execute(Fixtures.accept(number, place.getCallId()));

        assertThat(accept.getError().getCode()).isEqualTo("INVALID_CALL_STATE");
        assertThat(accept.getError().getMessage()).contains("INITIATED");
        assertThat(go.requests("/call/answer")).isEmpty();
    }

    @Test
    void aCallOfAnotherNumberIsNotFound() {
        NumberContext owner = newEvoGoNumber(evoGo.newInstance());
        FakeEvoGo.Instance otherGo = evoGo.newInstance();
        NumberContext other = newEvoGoNumber(otherGo);
        String callId = inboundRinging(owner, "GO-OWN-1", "5511900002222");

        CallCommand accept = Fixtures.accept(other, callId);
        CommandReply reply = execute(accept);

        assertThat(reply.getError().getHttpStatus()).isEqualTo(404);
        assertThat(reply.getError().getCode()).isEqualTo("CALL_NOT_FOUND");
        assertThat(otherGo.requests()).isEmpty();
        assertThat(status(callId)).isEqualTo("RINGING");
        CallCommand unknown = Fixtures.terminate(other, "GO-NO-SUCH-CALL");
        assertThat(execute(unknown).getError().getCode()).isEqualTo("CALL_NOT_FOUND");
        for (String table : List.of("processed_messages WHERE message_id", "command_failures WHERE command_id")) {
            for (String commandId : List.of(unknown.getCommandId(), accept.getCommandId())) {
                assertThat(db.sql("SELECT count(*) AS n FROM " + table + " = :id").bind("id", commandId)
                        .map(row -> row.get("n", Long.class)).one().block()).as("nothing stored: " + table).isZero();
            }
        }
    }

    @Test
    void aGoFailureOnAnActionIsReportedAndLeavesTheCallAsItWas() {
        FakeEvoGo.Instance go = evoGo.newInstance().answer("answer", 409, "{\"error\":\"not connected\"}");
        NumberContext number = newEvoGoNumber(go);
        String callId = inboundRinging(number, "GO-FAIL-1", "5511900003333");

        CommandReply reply = execute(Fixtures.accept(number, callId));

        assertThat(reply.getError().getCode()).isEqualTo("WHATSAPP_INSTANCE_NOT_CONNECTED");
        assertThat(status(callId)).isEqualTo("RINGING");
    }

    @Test
    void anActionByProviderIdWorksLikeOneByRinglineId() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);
        String callId = inboundRinging(number, "GO-BYEXT-1", "5511900004444");

        CommandReply reply = execute(Fixtures.accept(number, "GO-BYEXT-1"));

        assertThat(reply.getCall().getId()).isEqualTo(callId);
        assertThat(reply.getCall().getStatus()).isEqualTo(CallStatus.ACCEPTED);
    }

    @Test
    void whenGosOwnReportOfTheAnswerIsAppliedFirstTheAcceptFindsItAlreadyDone() {
        java.util.concurrent.CompletableFuture<Void> release = new java.util.concurrent.CompletableFuture<>();
        FakeEvoGo.Instance go = evoGo.newInstance().holdUntil("answer", release);
        NumberContext number = newEvoGoNumber(go);
        String callId = inboundRinging(number, "GO-DONE-1", "5511900005555");
        CallCommand accept = Fixtures.accept(number, callId);

        send(accept);
        await().atMost(WAIT).until(() -> go.requests("/call/answer").size() == 1); // GO holds its answer
        send(goSignal(number, "CallAccept", callId("GO-DONE-1"))); // and reports the answer before it
        await().atMost(WAIT).until(() -> "ACCEPTED".equals(status(callId)));
        release.complete(null);

        CommandReply reply = awaitReply(accept.getCommandId());
        assertThat(reply.getError()).as("the aggregate says the accept is already done").isNull();
        assertThat(reply.getCall().getStatus()).isEqualTo(CallStatus.ACCEPTED);
        assertThat(column(callId, "event_sequence", Long.class)).as("ringing, connected: nothing twice").isEqualTo(2L);
        assertThat(awaitEvents(callId, 2)).extracting(CallEvent::getType)
                .containsExactly(CallEventType.CALL_RINGING, CallEventType.CALL_CONNECTED);
    }

    private CommandReply execute(CallCommand command) {
        send(command);
        return awaitReply(command.getCommandId());
    }

    private String inboundRinging(NumberContext number, String externalCallId, String phoneDigits) {
        send(goSignal(number, "CallOffer", Fixtures.offer(externalCallId, phoneDigits)));
        String callId = awaitCallByExternal(number.getNumberId(), externalCallId);
        awaitEvents(callId, 1);
        return callId;
    }
}
