package io.ringline.signaling.call.messaging;

import static io.ringline.signaling.support.Fixtures.goSignal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.CommandReply;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.signaling.support.FakeEvoGo;
import io.ringline.signaling.support.Fixtures;
import io.ringline.signaling.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Commands the gateway has given up on are never carried out later (CommandDeadline), and the gateway's retry of a
 * request with an Idempotency-Key — the same command again, issued later — is answered with what the first did.
 */
class CommandDeadlineIntegrationTest extends IntegrationTest {

    /** Far past command-deadline (10 s): as read after a pause, a restart or a backlog. */
    private static final Duration LATE = Duration.ofMinutes(2);

    @Test
    void anAcceptReadPastItsDeadlineIsAnsweredUnavailableAndNeitherTheCallNorGoIsTouched() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);
        String callId = inboundRinging(number, "GO-LATE-1", "5511933330001");
        CallCommand late = issuedAgo(Fixtures.accept(number, callId), LATE);
        Long version = column(callId, "version", Long.class);

        send(late);
        CommandReply reply = awaitReply(late.getCommandId());

        assertThat(reply.getCall()).isNull();
        assertThat(reply.getError().getHttpStatus()).isEqualTo(503);
        assertThat(reply.getError().getCode()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(reply.getError().getMessage()).contains("nothing was changed");
        assertThat(status(callId)).isEqualTo("RINGING");
        assertThat(column(callId, "version", Long.class)).isEqualTo(version);
        assertThat(go.requests("/call/answer")).isEmpty();
        // answered once and its offset committed: a later command of the same call is processed, the late one
        // is not read (or answered) again
        CallCommand onTime = Fixtures.accept(number, callId);
        send(onTime);
        assertThat(awaitReply(onTime.getCommandId()).getCall().getStatus()).isEqualTo(CallStatus.ACCEPTED);
        assertThat(go.requests("/call/answer")).hasSize(1);
        assertThat(replies(late.getCommandId())).hasSize(1);
    }

    @Test
    void aPlacementReadPastItsDeadlineStoresNoCallAndMayBeRetried() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-LATE-2");
        NumberContext number = newEvoGoNumber(go);
        CallCommand late = issuedAgo(Fixtures.place(number, Ids.newId("call"), "+5511933330002"), LATE);

        send(late);
        CommandReply reply = awaitReply(late.getCommandId());

        assertThat(reply.getError().getCode()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(status(late.getCallId())).isNull();
        assertThat(go.requests("/call/start")).isEmpty();
        // nothing was claimed: the gateway's retry (same ids, issued now) places the call
        CallCommand retry = CallCommand.newBuilder(late).setIssuedAt(Instant.now()).build();
        send(retry);
        await().atMost(WAIT).until(() -> replies(late.getCommandId()).size() == 2);
        assertThat(replies(late.getCommandId()).get(1).getCall().getExternalCallId()).isEqualTo("GO-LATE-2");
        assertThat(go.requests("/call/start")).hasSize(1);
    }

    @Test
    void theRetryOfARequestWhoseReplyWasLostIsAnsweredWithTheCallAlreadyPlaced() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-RETRY-1");
        NumberContext number = newEvoGoNumber(go);
        CallCommand first = Fixtures.place(number, Ids.newId("call"), "+5511933330003");
        send(first);
        CommandReply placed = awaitReply(first.getCommandId());

        // the gateway instance waiting for it died; a retry with the same Idempotency-Key sends the same command
        CallCommand retry = CallCommand.newBuilder(first).setIssuedAt(Instant.now()).build();
        send(retry);
        await().atMost(WAIT).until(() -> replies(first.getCommandId()).size() == 2);

        assertThat(replies(first.getCommandId()).get(1)).isEqualTo(placed);
        assertThat(placed.getCall().getExternalCallId()).isEqualTo("GO-RETRY-1");
        assertThat(go.requests("/call/start")).hasSize(1);
    }

    @Test
    void aCommandAlreadyCarriedOutAndReadAgainLateIsAnsweredWithWhatItDid() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-REREAD-1");
        NumberContext number = newEvoGoNumber(go);
        CallCommand command = issuedAgo(Fixtures.place(number, Ids.newId("call"), "+5511933330004"),
                Duration.ZERO);
        send(command);
        CommandReply placed = awaitReply(command.getCommandId());

        send(issuedAgo(command, LATE)); // the same record read again, long after (its offset was not committed)
        await().atMost(WAIT).until(() -> replies(command.getCommandId()).size() == 2);

        assertThat(replies(command.getCommandId()).get(1)).isEqualTo(placed);
        assertThat(go.requests("/call/start")).hasSize(1);
    }

    private static CallCommand issuedAgo(CallCommand command, Duration ago) {
        return CallCommand.newBuilder(command).setIssuedAt(Instant.now().minus(ago)).build();
    }

    private String inboundRinging(NumberContext number, String externalCallId, String phoneDigits) {
        send(goSignal(number, "CallOffer", Fixtures.offer(externalCallId, phoneDigits)));
        String callId = awaitCallByExternal(number.getNumberId(), externalCallId);
        awaitEvents(callId, 1);
        return callId;
    }
}
