package io.ringline.signaling.call.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.CommandReply;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.schemas.avro.Provider;
import io.ringline.signaling.support.FakeEvoGo;
import io.ringline.signaling.support.Fixtures;
import io.ringline.signaling.support.IntegrationTest;
import io.ringline.testsupport.kafka.TopicTap.Captured;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** PlaceCall end to end: command on Kafka → GO over HTTP → call stored → reply on calls.replies. */
class PlaceCallIntegrationTest extends IntegrationTest {

    @Autowired
    MeterRegistry meters;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void placesTheCallAtGoAndRepliesWithTheProvidersId() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-PLACE-1");
        NumberContext number = newEvoGoNumber(go);
        String callId = Ids.newId("call");
        CallCommand command = Fixtures.place(number, callId, "+55 11 99999-0001");

        String correlationId = send(command);
        CommandReply reply = awaitReply(command.getCommandId());

        assertThat(reply.getError()).isNull();
        assertThat(reply.getCallId()).isEqualTo(callId);
        assertThat(reply.getCall().getId()).isEqualTo(callId);
        assertThat(reply.getCall().getExternalCallId()).isEqualTo("GO-PLACE-1");
        assertThat(reply.getCall().getStatus()).isEqualTo(CallStatus.INITIATED);
        Captured raw = kafka.on("calls.replies", c -> c.value() == reply).getFirst();
        assertThat(raw.key()).isEqualTo(number.getNumberId());
        assertThat(raw.headers()).containsEntry("kafka_correlationId", correlationId);

        List<FakeEvoGo.Request> starts = go.requests("/call/start");
        assertThat(starts).hasSize(1);
        assertThat(starts.getFirst().apikey()).isEqualTo(go.token());
        assertThat(starts.getFirst().body().path("number").asString()).isEqualTo("5511999990001");

        assertThat(status(callId)).isEqualTo("INITIATED");
        assertThat(column(callId, "direction", String.class)).isEqualTo("OUTBOUND");
        assertThat(column(callId, "external_call_id", String.class)).isEqualTo("GO-PLACE-1");
        assertThat(column(callId, "biz_opaque_callback_data", String.class)).isEqualTo("crm-ref-7");
        assertThat(column(callId, "peer_number", String.class)).isEqualTo("+55 11 99999-0001");
        assertThat(meters.find("ringline.provider.request").tags("provider", "EVO_GO", "action", "place",
                "outcome", "success").timer()).isNotNull();
        assertThat(meters.find("ringline.calls.transitions").tags("provider", "EVO_GO", "status", "INITIATED")
                .counter().count()).isPositive();
    }

    @Test
    void aGoErrorFailsTheCallAndIsRepliedAsProviderError() {
        FakeEvoGo.Instance go = evoGo.newInstance().answer("start", 500, "{\"error\":\"whatsmeow exploded\"}");
        NumberContext number = newEvoGoNumber(go);
        String callId = Ids.newId("call");
        CallCommand command = Fixtures.place(number, callId, "+5511999990002");

        send(command);
        CommandReply reply = awaitReply(command.getCommandId());

        assertThat(reply.getCall()).isNull();
        assertThat(reply.getError().getHttpStatus()).isEqualTo(502);
        assertThat(reply.getError().getCode()).isEqualTo("PROVIDER_ERROR");
        JsonNode details = json.readTree(reply.getError().getDetailsJson());
        assertThat(details.path("providerStatus").asInt()).isEqualTo(500);
        assertThat(details.path("providerError").asString()).isEqualTo("whatsmeow exploded");
        assertThat(status(callId)).isEqualTo("FAILED");
        assertThat(column(callId, "end_reason", String.class)).isEqualTo("PROVIDER_ERROR");
        CallEvent ended = awaitEvents(callId, 1).getFirst();
        assertThat(ended.getType()).isEqualTo(CallEventType.CALL_ENDED);
        assertThat(ended.getStatus()).isEqualTo(CallStatus.FAILED);
        assertThat(ended.getEndReason()).isEqualTo("PROVIDER_ERROR");
    }

    @Test
    void aDisconnectedInstanceIsReportedAsSuch() {
        FakeEvoGo.Instance go = evoGo.newInstance().answer("start", 409, "{\"error\":\"instance not connected\"}");
        NumberContext number = newEvoGoNumber(go);
        CallCommand command = Fixtures.place(number, Ids.newId("call"), "+5511999990003");

        send(command);
        CommandReply reply = awaitReply(command.getCommandId());

        assertThat(reply.getError().getHttpStatus()).isEqualTo(409);
        assertThat(reply.getError().getCode()).isEqualTo("WHATSAPP_INSTANCE_NOT_CONNECTED");
        assertThat(status(command.getCallId())).isEqualTo("FAILED");
    }

    @Test
    void aSlowProviderTimesOutTheCallAs504() {
        FakeEvoGo.Instance go = evoGo.newInstance()
                .answer("start", 201, "{\"callId\":\"GO-TOO-LATE\"}", Duration.ofSeconds(4));
        NumberContext number = newEvoGoNumber(go);
        String callId = Ids.newId("call");
        CallCommand command = Fixtures.place(number, callId, "+5511999990004");

        send(command);
        CommandReply reply = awaitReply(command.getCommandId());

        assertThat(reply.getError().getHttpStatus()).isEqualTo(504);
        assertThat(reply.getError().getCode()).isEqualTo("PROVIDER_TIMEOUT");
        assertThat(status(callId)).isEqualTo("FAILED");
        assertThat(column(callId, "end_reason", String.class)).isEqualTo("PROVIDER_TIMEOUT");
        assertThat(column(callId, "external_call_id", String.class)).isNull();
        assertThat(awaitEvents(callId, 1).getFirst().getEndReason()).isEqualTo("PROVIDER_TIMEOUT");
        assertThat(meters.find("ringline.provider.request").tags("provider", "EVO_GO", "action", "place",
                "outcome", "timeout").timer().count()).isPositive();
    }

    @Test
    void aRedeliveredCommandIsAnsweredAgainFromStoredStateWithoutCallingGoTwice() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-ONCE");
        NumberContext number = newEvoGoNumber(go);
        String callId = Ids.newId("call");
        CallCommand command = Fixtures.place(number, callId, "+5511999990005");

        send(command);
        CommandReply first = awaitReply(command.getCommandId());
        send(command); // the same command (same commandId) delivered again
        List<CommandReply> both = await().atMost(WAIT).until(() -> replies(command.getCommandId()), r -> r.size() == 2);

        assertThat(both.get(1)).isEqualTo(first);
        assertThat(go.requests("/call/start")).hasSize(1);
        assertThat(db.sql("SELECT count(*) AS n FROM calls WHERE number_id = :n").bind("n", number.getNumberId())
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1L);
        assertThat(column(callId, "version", Long.class)).isEqualTo(1L);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> replies(command.getCommandId()).size() == 2
                && events(callId).isEmpty());
    }

    @Test
    void aNewPlacementUnderATakenCallIdIsRefusedAndChangesNothing() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-FIRST");
        NumberContext number = newEvoGoNumber(go);
        String callId = Ids.newId("call");
        CallCommand first = Fixtures.place(number, callId, "+5511999990007");
        send(first);
        assertThat(awaitReply(first.getCommandId()).getError()).isNull();

        CallCommand second = Fixtures.place(number, callId, "+5511999990008"); // another command, the same call id
        send(second);
        CommandReply refused = awaitReply(second.getCommandId());

        assertThat(refused.getError().getHttpStatus()).isEqualTo(409);
        assertThat(refused.getError().getCode()).isEqualTo("CALL_ALREADY_EXISTS");
        assertThat(go.requests("/call/start")).hasSize(1);
        assertThat(column(callId, "peer_number", String.class)).isEqualTo("+5511999990007");
        assertThat(column(callId, "external_call_id", String.class)).isEqualTo("GO-FIRST");
        assertThat(column(callId, "version", Long.class)).isEqualTo(1L);
    }

    @Test
    void aRedeliveredFailedCommandGetsTheSameErrorAgain() {
        FakeEvoGo.Instance go = evoGo.newInstance().answer("start", 409, "{\"error\":\"not connected\"}");
        NumberContext number = newEvoGoNumber(go);
        CallCommand command = Fixtures.place(number, Ids.newId("call"), "+5511999990006");

        send(command);
        awaitReply(command.getCommandId());
        send(command);
        List<CommandReply> both = await().atMost(WAIT).until(() -> replies(command.getCommandId()), r -> r.size() == 2);

        assertThat(both.get(1).getError()).isEqualTo(both.get(0).getError());
        assertThat(go.requests("/call/start")).hasSize(1);
        assertThat(awaitEvents(command.getCallId(), 1)).hasSize(1);
    }

    @Test
    void aNumberOfAnUnknownProviderKindIsRefused() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext registered = newEvoGoNumber(go);
        // the gateway's next revision of it is of a kind this version cannot call through
        NumberContext number = publish(NumberContext.newBuilder(registered).setProvider(Provider.UNKNOWN)
                .setVersion(registered.getVersion() + 1).build());
        CallCommand command = Fixtures.place(number, Ids.newId("call"), "+5511999990007");

        send(command);
        CommandReply reply = awaitReply(command.getCommandId());

        assertThat(reply.getError().getHttpStatus()).isEqualTo(400);
        assertThat(reply.getError().getCode()).isEqualTo("FEATURE_NOT_SUPPORTED");
        assertThat(go.requests()).isEmpty();
        assertThat(status(command.getCallId())).isNull();
    }
}
