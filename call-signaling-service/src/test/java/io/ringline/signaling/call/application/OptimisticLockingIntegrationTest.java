package io.ringline.signaling.call.application;

import static io.ringline.signaling.support.Fixtures.callId;
import static io.ringline.signaling.support.Fixtures.goSignal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.infra.EmbeddedInfra;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two transitions of one call racing: the business terminates while GO reports the hang-up. Both
 * read the same version; a row lock held by the test makes both wait at their UPDATE, so when it is
 * released one wins and the other must lose the version check, retry on fresh state and change nothing.
 */
class OptimisticLockingIntegrationTest extends IntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void concurrentTransitionsOfOneCallEndConsistentWithOneEventEach() throws Exception {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-RACE-1");
        NumberContext number = newEvoGoNumber(go);
        CallCommand place = Fixtures.place(number, Ids.newId("call"), "+5511900005555");
        send(place);
        awaitReply(place.getCommandId());
        send(goSignal(number, "CallAccept", callId("GO-RACE-1")));
        awaitEvents(place.getCallId(), 1);
        long version = column(place.getCallId(), "version", Long.class);
        double conflictsBefore = meters.counter("ringline.calls.update.conflicts").count();

        CommandReply reply;
        try (Connection jdbc = DriverManager.getConnection(EmbeddedInfra.shared().jdbcUrl(), EmbeddedInfra.DB_USER,
                EmbeddedInfra.DB_PASSWORD)) {
            jdbc.setAutoCommit(false);
            try (PreparedStatement lock = jdbc.prepareStatement("SELECT 1 FROM signaling.calls WHERE id = ? FOR UPDATE")) {
                lock.setString(1, place.getCallId());
                lock.executeQuery().close();
            }
            CallCommand terminate = Fixtures.terminate(number, place.getCallId());
            send(terminate);
            send(goSignal(number, "CallTerminate", Fixtures.terminate("GO-RACE-1", "hangup", 12)));
            await().atMost(WAIT).until(() -> updatesWaitingOnALock(jdbc) == 2);
            jdbc.commit(); // release: one UPDATE goes through, the other finds the version gone
            reply = awaitReply(terminate.getCommandId());
        }

        assertThat(reply.getError()).isNull();
        assertThat(reply.getCall().getStatus()).isEqualTo(CallStatus.COMPLETED);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> events(place.getCallId()).size() == 2);
        List<CallEvent> events = events(place.getCallId());
        assertThat(events).extracting(CallEvent::getType)
                .containsExactly(CallEventType.CALL_CONNECTED, CallEventType.CALL_ENDED);
        assertThat(events).extracting(CallEvent::getSequence).containsExactly(1L, 2L);
        assertThat(status(place.getCallId())).isEqualTo("COMPLETED");
        assertThat(column(place.getCallId(), "version", Long.class)).isEqualTo(version + 1);
        assertThat(column(place.getCallId(), "event_sequence", Long.class)).isEqualTo(2L);
        assertThat(meters.counter("ringline.calls.update.conflicts").count()).isEqualTo(conflictsBefore + 1);
    }

    private static int updatesWaitingOnALock(Connection jdbc) throws Exception {
        try (PreparedStatement query = jdbc.prepareStatement("""
                SELECT count(*) FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE calls SET%'""");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
