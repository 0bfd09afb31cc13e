package io.ringline.signaling.call.application;

import static io.ringline.signaling.support.Fixtures.callId;
import static io.ringline.signaling.support.Fixtures.goSignal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.infra.EmbeddedInfra;
import io.ringline.platform.ids.Ids;
import io.ringline.schemas.Topics;
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
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.core.ConditionTimeoutException;
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
            awaitBothWaitingAtTheLock(jdbc, terminate.getCommandId(), number.getNumberId());
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

    /**
     * Until the command's and the signal's UPDATE both wait behind the test's lock. A command answered meanwhile
     * never reached its UPDATE (refused, or read past its deadline): that fails at once, saying so; a timeout
     * says what every session of the database was doing, so a failure on a slow host can be read, not guessed.
     */
    private void awaitBothWaitingAtTheLock(Connection jdbc, String commandId, String numberId) throws Exception {
        try {
            await().atMost(WAIT).until(() -> {
                List<CommandReply> early = replies(commandId);
                if (!early.isEmpty()) {
                    throw new AssertionError("the terminate command was answered while the call's row was locked, "
                            + "so it never waited at its UPDATE: " + early + "\n" + sessions(jdbc));
                }
                return updatesWaitingOnALock(jdbc) == 2;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the command's and the signal's UPDATE were not both waiting at the lock within "
                    + WAIT + "\n" + sessions(jdbc) + "\ndead letters of this number: " + deadLetters(numberId), e);
        }
    }

    private List<SpecificRecord> deadLetters(String numberId) {
        return Stream.of(Topics.CALL_COMMANDS, Topics.PROVIDER_SIGNALS)
                .flatMap(topic -> kafka.values(topic.deadLetter(), SpecificRecord.class,
                        r -> r.toString().contains(numberId)).stream())
                .toList();
    }

    private static int updatesWaitingOnALock(Connection jdbc) throws Exception {
        freshActivity(jdbc);
        try (PreparedStatement query = jdbc.prepareStatement("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE calls SET%'""");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Every other session of the database: its state, what it waits on, since when, and its statement's start. */
    private static String sessions(Connection jdbc) throws Exception {
        freshActivity(jdbc);
        StringBuilder out = new StringBuilder("sessions:");
        try (PreparedStatement query = jdbc.prepareStatement("""
                SELECT pid, state, wait_event_type, wait_event, clock_timestamp() - state_change AS since,
                       regexp_replace(left(query, 90), '\\s+', ' ', 'g') AS query
                FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                ORDER BY pid""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                out.append("\n  ").append(rows.getInt("pid")).append(' ').append(rows.getString("state"))
                        .append(" wait=").append(rows.getString("wait_event_type")).append('/')
                        .append(rows.getString("wait_event")).append(" for ").append(rows.getString("since"))
                        .append(": ").append(rows.getString("query"));
            }
        }
        return out.toString();
    }

    /**
     * {@code jdbc} holds the row lock in an open transaction, and a transaction sees {@code pg_stat_activity} as it
     * was at its first read: without this every poll after the first read the same sessions, and the test passed
     * only when both UPDATEs were already waiting at that first poll (it failed on a busy host, twice in CI).
     */
    private static void freshActivity(Connection jdbc) throws Exception {
        try (PreparedStatement clear = jdbc.prepareStatement("SELECT pg_stat_clear_snapshot()")) {
            clear.execute();
        }
    }
}
