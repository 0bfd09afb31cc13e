package io.ringline.signaling.call.messaging;

import static io.ringline.signaling.support.Fixtures.goSignal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.schemas.avro.ProviderSignal;
import io.ringline.signaling.support.FakeEvoGo;
import io.ringline.signaling.support.Fixtures;
import io.ringline.signaling.support.IntegrationTest;
import io.ringline.testsupport.kafka.TopicTap.Captured;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records that can never be processed are parked on {@code <topic>.DLT}; the partition keeps moving. */
class DeadLetterIntegrationTest extends IntegrationTest {

    @Test
    void garbageOnCallsCommandsIsDeadLetteredAndTheNextCommandStillRuns() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);
        byte[] garbage = ("not avro " + Ids.newId("x")).getBytes(StandardCharsets.UTF_8);

        kafka.send("calls.commands", number.getNumberId(), garbage, Map.of());
        CallCommand next = Fixtures.place(number, Ids.newId("call"), "+5511955554444");
        send(next);

        assertThat(awaitReply(next.getCommandId()).getError()).isNull();
        awaitDeadLetter("calls.commands.DLT", garbage);
    }

    @Test
    void garbageAndMalformedPayloadsOnProviderSignalsAreDeadLetteredAndTheNextSignalStillApplies() {
        NumberContext number = newEvoGoNumber(evoGo.newInstance());
        byte[] garbage = ("\u0000\u0001 junk " + Ids.newId("x")).getBytes(StandardCharsets.UTF_8);
        ProviderSignal malformed = goSignal(number, "CallRinging", "{\"no call id\": true}");

        kafka.send("provider.signals", number.getNumberId(), garbage, Map.of());
        send(malformed);
        send(goSignal(number, "CallOffer", Fixtures.offer("GO-AFTER-POISON", "5511944443333")));

        awaitCallByExternal(number.getNumberId(), "GO-AFTER-POISON");
        awaitDeadLetter("provider.signals.DLT", garbage);
        await().atMost(WAIT).until(() -> kafka.values("provider.signals.DLT", ProviderSignal.class,
                s -> s.getSignalId().equals(malformed.getSignalId())), list -> list.size() == 1);
    }

    private void awaitDeadLetter(String topic, byte[] original) {
        List<Captured> parked = await().atMost(WAIT)
                .until(() -> kafka.on(topic, c -> Arrays.equals(c.raw(), original)), list -> !list.isEmpty());
        assertThat(parked).hasSize(1);
    }
}
