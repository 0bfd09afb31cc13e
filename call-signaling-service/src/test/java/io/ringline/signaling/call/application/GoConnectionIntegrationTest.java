package io.ringline.signaling.call.application;

import static io.ringline.signaling.support.Fixtures.goSignal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.CommandReply;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.signaling.support.FakeEvoGo;
import io.ringline.signaling.support.Fixtures;
import io.ringline.signaling.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** GO connection state: a disconnected instance is refused before anything is stored or sent. */
class GoConnectionIntegrationTest extends IntegrationTest {

    @Test
    void aCallOnAnInstanceReportedClosedFailsFastWithoutTouchingGoOrTheDatabase() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);
        send(goSignal(number, "ConnectionUpdate", "{\"State\":\"close\"}"));
        awaitState(number, "close");

        CallCommand place = Fixtures.place(number, Ids.newId("call"), "+5511900001111");
        CommandReply reply = execute(place);

        assertThat(reply.getError().getHttpStatus()).isEqualTo(409);
        assertThat(reply.getError().getCode()).isEqualTo("WHATSAPP_INSTANCE_NOT_CONNECTED");
        assertThat(go.requests()).isEmpty(); // not even a status question: the state was known
        assertThat(status(place.getCallId())).isNull();
        assertThat(events(place.getCallId())).isEmpty();
    }

    @Test
    void anUnknownStateIsAskedOnceAndRemembered() {
        FakeEvoGo.Instance go = evoGo.newInstance().answer("status", 200, "{\"state\":\"close\"}");
        NumberContext number = newEvoGoNumber(go);

        CallCommand first = Fixtures.place(number, Ids.newId("call"), "+5511900001112");
        CallCommand second = Fixtures.place(number, Ids.newId("call"), "+5511900001113");
        CommandReply firstReply = execute(first);
        CommandReply secondReply = execute(second);

        assertThat(firstReply.getError().getCode()).isEqualTo("WHATSAPP_INSTANCE_NOT_CONNECTED");
        assertThat(secondReply.getError().getCode()).isEqualTo("WHATSAPP_INSTANCE_NOT_CONNECTED");
        assertThat(go.requests()).extracting(FakeEvoGo.Request::path).containsExactly("/instance/status");
        assertThat(go.requests().getFirst().apikey()).isEqualTo(go.token());
        assertThat(status(first.getCallId())).isNull();
        assertThat(status(second.getCallId())).isNull();
    }

    @Test
    void goAnswering409IsRememberedSoTheNextCallFailsFast() {
        FakeEvoGo.Instance go = evoGo.newInstance().answer("start", 409, "{\"error\":\"instance not connected\"}");
        NumberContext number = newEvoGoNumber(go);

        CommandReply first = execute(Fixtures.place(number, Ids.newId("call"), "+5511900001116"));
        CallCommand second = Fixtures.place(number, Ids.newId("call"), "+5511900001117");
        CommandReply secondReply = execute(second);

        assertThat(first.getError().getCode()).isEqualTo("WHATSAPP_INSTANCE_NOT_CONNECTED");
        assertThat(secondReply.getError().getCode()).isEqualTo("WHATSAPP_INSTANCE_NOT_CONNECTED");
        assertThat(go.requests("/call/start")).hasSize(1);
        assertThat(status(second.getCallId())).isNull();
    }

    @Test
    void anInstanceThatReconnectsCanCallAgain() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-BACK-1");
        NumberContext number = newEvoGoNumber(go);
        send(goSignal(number, "ConnectionUpdate", "{\"State\":\"close\"}"));
        awaitState(number, "close");
        send(goSignal(number, "ConnectionUpdate", "{\"State\":\"open\"}"));
        awaitState(number, "open");

        CommandReply reply = execute(Fixtures.place(number, Ids.newId("call"), "+5511900001114"));

        assertThat(reply.getCall().getExternalCallId()).isEqualTo("GO-BACK-1");
        assertThat(go.requests()).extracting(FakeEvoGo.Request::path).containsExactly("/call/start");
    }

    @Test
    void answeringOnAClosedInstanceIsRefusedAndLeavesTheCallRinging() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);
        send(goSignal(number, "CallOffer", Fixtures.offer("GO-CLOSED-IN", "5511900001115")));
        String callId = awaitCallByExternal(number.getNumberId(), "GO-CLOSED-IN");
        send(goSignal(number, "ConnectionUpdate", "{\"State\":\"close\"}"));
        awaitState(number, "close");

        CommandReply reply = execute(Fixtures.accept(number, callId));

        assertThat(reply.getError().getHttpStatus()).isEqualTo(409);
        assertThat(reply.getError().getCode()).isEqualTo("WHATSAPP_INSTANCE_NOT_CONNECTED");
        assertThat(go.requests("/call/answer")).isEmpty();
        assertThat(status(callId)).isEqualTo("RINGING");
    }

    private CommandReply execute(CallCommand command) {
        send(command);
        return awaitReply(command.getCommandId());
    }

    private void awaitState(NumberContext number, String state) {
        await().atMost(WAIT).until(() -> db.sql("SELECT state FROM number_connection WHERE number_id = :n")
                .bind("n", number.getNumberId()).map(row -> row.get("state", String.class)).one()
                .blockOptional().orElse(null), state::equals);
    }
}
