package io.ringline.signaling.call.messaging;

import static io.ringline.signaling.support.Fixtures.callId;
import static io.ringline.signaling.support.Fixtures.goSignal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.CommandReply;
import io.ringline.schemas.avro.Direction;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.schemas.avro.ProviderSignal;
import io.ringline.signaling.support.FakeEvoGo;
import io.ringline.signaling.support.Fixtures;
import io.ringline.signaling.support.IntegrationTest;
import io.ringline.testsupport.kafka.ListenerHold;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/** Provider signals on Kafka → call transitions → call-events on Kafka, whatever order they come in. */
class ProviderSignalsIntegrationTest extends IntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void anAnsweredOutboundCallPublishesRingingConnectedEndedInOrder() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-FLOW-1");
        NumberContext number = newEvoGoNumber(go);
        String callId = placed(number, "GO-FLOW-1");

        send(goSignal(number, "CallRinging", callId("GO-FLOW-1")));
        send(goSignal(number, "CallAccept", callId("GO-FLOW-1")));
        send(goSignal(number, "CallTerminate", Fixtures.terminate("GO-FLOW-1", "hangup", 56)));

        List<CallEvent> events = awaitEvents(callId, 3);
        assertThat(events).extracting(CallEvent::getType).containsExactly(CallEventType.CALL_RINGING,
                CallEventType.CALL_CONNECTED, CallEventType.CALL_ENDED);
        assertThat(events).extracting(CallEvent::getSequence).containsExactly(1L, 2L, 3L);
        assertThat(arrivalOrder(callId)).extracting(CallEvent::getSequence).containsExactly(1L, 2L, 3L);
        CallEvent ended = events.get(2);
        assertThat(ended.getStatus()).isEqualTo(CallStatus.COMPLETED);
        assertThat(ended.getDurationSeconds()).isEqualTo(56);
        assertThat(ended.getEndReason()).isEqualTo("HANGUP");
        assertThat(ended.getExternalCallId()).isEqualTo("GO-FLOW-1");
        assertThat(ended.getDirection()).isEqualTo(Direction.OUTBOUND);
        assertThat(ended.getPeerNumber()).isEqualTo("+5511988880000");
        assertThat(ended.getBizOpaqueCallbackData()).isEqualTo("crm-ref-7");
        assertThat(ended.getTenantId()).isEqualTo("ten_test");
        assertThat(ended.getBilling()).isNull();
        assertThat(events).allSatisfy(e -> assertThat(e.getEventId()).startsWith("evt_"));
        assertThat(kafka.on("call-events", c -> c.value() instanceof CallEvent e && callId.equals(e.getCallId())))
                .allSatisfy(c -> assertThat(c.key()).isEqualTo(number.getNumberId()));
        assertThat(status(callId)).isEqualTo("COMPLETED");
        assertThat(column(callId, "event_sequence", Long.class)).isEqualTo(3L);
        assertThat(column(callId, "connected_at", java.time.Instant.class)).isNotNull();
    }

    @Test
    void theMediaBridgesPlayFinishedBecomesAPlayFinishedEventInTheCallsSequenceEvenAfterTheEnd() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-PLAY-1");
        NumberContext number = newEvoGoNumber(go);
        String callId = placed(number, "GO-PLAY-1");
        send(goSignal(number, "CallRinging", callId("GO-PLAY-1")));
        send(goSignal(number, "CallAccept", callId("GO-PLAY-1")));
        awaitEvents(callId, 2);

        var finished = playFinished(number, callId, "GO-PLAY-1", "play_01JD0000000000000000000001", "finished");
        send(finished);
        send(finished); // the bridge's outbox may publish twice: one event
        send(goSignal(number, "CallTerminate", Fixtures.terminate("GO-PLAY-1", "hangup", 3)));
        // A play stopped because its call ended is reported after the end; it still takes its place in the sequence.
        send(playFinished(number, callId, "GO-PLAY-1", "play_01JD0000000000000000000002", "stopped"));

        List<CallEvent> events = awaitEvents(callId, 5);
        assertThat(events).extracting(CallEvent::getType).containsExactly(CallEventType.CALL_RINGING,
                CallEventType.CALL_CONNECTED, CallEventType.CALL_PLAY_FINISHED, CallEventType.CALL_ENDED,
                CallEventType.CALL_PLAY_FINISHED);
        assertThat(events).extracting(CallEvent::getSequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        CallEvent first = events.get(2);
        assertThat(first.getPlayId()).isEqualTo("play_01JD0000000000000000000001");
        assertThat(first.getPlayOutcome()).isEqualTo("finished");
        assertThat(first.getStatus()).isEqualTo(CallStatus.ACCEPTED); // not a transition
        assertThat(events.get(4).getPlayOutcome()).isEqualTo("stopped");
        assertThat(events.get(4).getStatus()).isEqualTo(CallStatus.COMPLETED);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> events(callId).size() == 5);
        assertThat(status(callId)).isEqualTo("COMPLETED");
    }

    @Test
    void aMalformedPlayFinishedIsRefusedAndChangesNothing() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-PLAY-2");
        NumberContext number = newEvoGoNumber(go);
        String callId = placed(number, "GO-PLAY-2");
        send(goSignal(number, "CallRinging", callId("GO-PLAY-2")));
        send(goSignal(number, "CallAccept", callId("GO-PLAY-2")));
        awaitEvents(callId, 2);

        send(playFinished(number, callId, "GO-PLAY-2", "play_01JD0000000000000000000003", "exploded"));
        send(goSignal(number, "CallTerminate", Fixtures.terminate("GO-PLAY-2", "hangup", 3)));

        // The consumer survived the bad record: the next signal of the number still applies, nothing in between.
        List<CallEvent> events = awaitEvents(callId, 3);
        assertThat(events).extracting(CallEvent::getType).containsExactly(CallEventType.CALL_RINGING,
                CallEventType.CALL_CONNECTED, CallEventType.CALL_ENDED);
    }

    private static io.ringline.schemas.avro.ProviderSignal playFinished(NumberContext number, String callId,
            String externalCallId, String playId, String outcome) {
        String payload = "{\"callId\":\"" + callId + "\",\"externalCallId\":\"" + externalCallId
                + "\",\"playId\":\"" + playId + "\",\"outcome\":\"" + outcome + "\"}";
        return io.ringline.schemas.avro.ProviderSignal.newBuilder()
                .setSignalId(io.ringline.platform.crypto.Hashing.sha256Hex(
                        number.getNumberId() + "|media.play_finished|" + playId))
                .setReceivedAt(java.time.Instant.now())
                .setNumber(number)
                .setKind("media.play_finished")
                .setPayloadJson(payload)
                .build();
    }

    @Test
    void duplicateAndLateSignalsChangeNothing() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-DUP-1");
        NumberContext number = newEvoGoNumber(go);
        String callId = placed(number, "GO-DUP-1");

        var ringing = goSignal(number, "CallRinging", callId("GO-DUP-1"));
        send(ringing);
        awaitEvents(callId, 1);
        long version = column(callId, "version", Long.class);
        double duplicatesBefore = duplicates();
        send(ringing); // the provider's duplicate: same content, same signal id
        var reject = goSignal(number, "CallReject", callId("GO-DUP-1"));
        send(reject);
        awaitEvents(callId, 2);
        send(reject);
        send(goSignal(number, "CallRinging", "{\"CallID\":\"GO-DUP-1\",\"late\":true}")); // late: call is over
        send(goSignal(number, "CallAccept", callId("GO-DUP-1")));

        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> events(callId).size() == 2);
        assertThat(events(callId)).extracting(CallEvent::getType)
                .containsExactly(CallEventType.CALL_RINGING, CallEventType.CALL_ENDED);
        assertThat(status(callId)).isEqualTo("REJECTED");
        assertThat(column(callId, "version", Long.class)).isEqualTo(version + 1);
        // the two repeats were recognised by their signal id, not merely refused by the table
        assertThat(duplicates()).isEqualTo(duplicatesBefore + 2);
        assertThat(db.sql("SELECT count(*) AS n FROM processed_messages WHERE message_id = :id")
                .bind("id", ringing.getSignalId()).map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1L);
    }

    private double duplicates() {
        var counter = meters.find("ringline.kafka.records").tags("topic", "provider.signals", "outcome", "duplicate")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aPollsSignalsAreAppliedInOneTransactionEachCallInOrder() {
        NumberContext number = newEvoGoNumber(evoGo.newInstance());
        DistributionSummary polls = meters.get("ringline.signaling.signals.batch").summary();
        long pollsBefore = polls.count();
        double signalsBefore = polls.totalAmount();
        double duplicatesBefore = duplicates();

        holdingTheListener(() -> {
            for (int i = 0; i < 4; i++) {
                var offer = goSignal(number, "CallOffer", Fixtures.offer("GO-POLL-" + i, "551190000000" + i));
                send(offer);
                if (i == 0) {
                    send(offer); // the provider's duplicate in the same poll: applied once
                }
                send(goSignal(number, "CallTerminate", Fixtures.terminate("GO-POLL-" + i, "hangup", null)));
            }
            // parked early in the poll, found by the offer later in it (same transaction)
            send(goSignal(number, "CallTerminate", Fixtures.terminate("GO-POLL-EARLY", "hangup", null)));
            send(goSignal(number, "CallOffer", Fixtures.offer("GO-POLL-EARLY", "5511900000009")));
        });

        for (String external : List.of("GO-POLL-0", "GO-POLL-1", "GO-POLL-2", "GO-POLL-3", "GO-POLL-EARLY")) {
            String callId = awaitCallByExternal(number.getNumberId(), external);
            assertThat(awaitEvents(callId, 2)).as(external).extracting(CallEvent::getType)
                    .containsExactly(CallEventType.CALL_RINGING, CallEventType.CALL_MISSED);
            assertThat(status(callId)).isEqualTo("MISSED");
        }
        awaitParked(number, "GO-POLL-EARLY", 0);
        await().atMost(WAIT).until(() -> polls.totalAmount() - signalsBefore == 11);
        // One poll, applied in one transaction; a few if the broker handed the records over in more than one poll.
        // Record by record there would be no poll applied together at all.
        assertThat(polls.count() - pollsBefore).as("polls applied for 11 signals").isBetween(1L, 4L);
        assertThat(duplicates()).isEqualTo(duplicatesBefore + 1);
    }

    @Test
    void aLargePollOfManyNumbersIsAppliedEachCallInOrder() {
        List<NumberContext> numbers = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> newEvoGoNumber(evoGo.newInstance())).toList();
        DistributionSummary transactions = meters.get("ringline.signaling.signals.batch").summary();
        double signalsBefore = transactions.totalAmount();

        holdingTheListener(() -> {
            for (int call = 0; call < 4; call++) {
                for (NumberContext number : numbers) {
                    String external = "GO-WIDE-" + call;
                    send(goSignal(number, "CallOffer", Fixtures.offer(external, "55119100000" + call)));
                    send(goSignal(number, "CallAccept", callId(external)));
                    send(goSignal(number, "CallTerminate", Fixtures.terminate(external, "hangup", 7)));
                }
            }
        });

        for (NumberContext number : numbers) {
            for (int call = 0; call < 4; call++) {
                String callId = awaitCallByExternal(number.getNumberId(), "GO-WIDE-" + call);
                assertThat(awaitEvents(callId, 3)).extracting(CallEvent::getType).containsExactly(
                        CallEventType.CALL_RINGING, CallEventType.CALL_CONNECTED, CallEventType.CALL_ENDED);
                assertThat(status(callId)).isEqualTo("COMPLETED");
            }
        }
        await().atMost(WAIT).until(() -> transactions.totalAmount() - signalsBefore == 60);
    }

    @Test
    void aPollReadsItsKnownCallsInOneStatementAndACallsSecondReportSeesItsFirst() {
        NumberContext number = newEvoGoNumber(evoGo.newInstance());
        List<String> externals = List.of("GO-KNOWN-0", "GO-KNOWN-1", "GO-KNOWN-2");
        for (int i = 0; i < externals.size(); i++) {
            send(goSignal(number, "CallOffer", Fixtures.offer(externals.get(i), "551192000000" + i)));
        }
        List<String> callIds = externals.stream().map(external -> awaitCallByExternal(number.getNumberId(), external))
                .toList();
        callIds.forEach(callId -> awaitEvents(callId, 1));
        long lookupsBefore = lookupsByProviderId();

        holdingTheListener(() -> externals.forEach(external -> {
            send(goSignal(number, "CallAccept", callId(external)));
            send(goSignal(number, "CallTerminate", Fixtures.terminate(external, "hangup", 7)));
        }));

        for (String callId : callIds) {
            assertThat(awaitEvents(callId, 3)).extracting(CallEvent::getType).containsExactly(
                    CallEventType.CALL_RINGING, CallEventType.CALL_CONNECTED, CallEventType.CALL_ENDED);
            assertThat(status(callId)).isEqualTo("COMPLETED");
        }
        // Six reports on three known calls. Each call's first report in a poll takes the row the poll read up front;
        // its second, if in the same poll, reads the row its first changed. Record by record: six lookups.
        assertThat(lookupsByProviderId() - lookupsBefore).isLessThanOrEqualTo(3);
    }

    @Test
    void aPollDecidesItsOffersIdsTogetherAndEachOfferStillFindsWhatWasParkedForIt() {
        NumberContext number = newEvoGoNumber(evoGo.newInstance());
        List<String> externals = List.of("GO-OFFERS-0", "GO-OFFERS-1", "GO-OFFERS-2", "GO-OFFERS-3", "GO-OFFERS-4");
        // Parked by earlier polls: taken by the poll's one statement for its offers.
        send(goSignal(number, "CallTerminate", Fixtures.terminate("GO-OFFERS-1", "hangup", null)));
        send(goSignal(number, "CallTerminate", Fixtures.terminate("GO-OFFERS-3", "hangup", null)));
        awaitParked(number, "GO-OFFERS-1", 1);
        awaitParked(number, "GO-OFFERS-3", 1);
        long locksBefore = statementRuns("SELECT pg_advisory_xact_lock(hashtextextended($1, $2))");
        long lookupsBefore = lookupsByProviderId();
        long takesBefore = statementRuns("DELETE FROM pending_signals WHERE number_id = $1 AND external_call_id = $2%");

        holdingTheListener(() -> {
            for (int i = 0; i < externals.size(); i++) {
                var offer = goSignal(number, "CallOffer", Fixtures.offer(externals.get(i), "551193000000" + i));
                send(offer);
                if (i == 0) {
                    // the provider's duplicate under a new signal id: the id is known once the first created its call
                    send(goSignal(number, "CallOffer", Fixtures.offer(externals.get(i), "5511930000000")));
                }
            }
            // parked in the same poll after the offers' ids were decided, found by the offer after it
            send(goSignal(number, "CallTerminate", Fixtures.terminate("GO-OFFERS-LATE", "hangup", null)));
            send(goSignal(number, "CallOffer", Fixtures.offer("GO-OFFERS-LATE", "5511930000009")));
        });

        for (String external : externals) {
            String callId = awaitCallByExternal(number.getNumberId(), external);
            boolean hungUpBefore = external.endsWith("1") || external.endsWith("3");
            assertThat(awaitEvents(callId, hungUpBefore ? 2 : 1)).as(external).extracting(CallEvent::getType)
                    .containsExactlyElementsOf(hungUpBefore
                            ? List.of(CallEventType.CALL_RINGING, CallEventType.CALL_MISSED)
                            : List.of(CallEventType.CALL_RINGING));
            assertThat(status(callId)).as(external).isEqualTo(hungUpBefore ? "MISSED" : "RINGING");
        }
        String late = awaitCallByExternal(number.getNumberId(), "GO-OFFERS-LATE");
        assertThat(awaitEvents(late, 2)).extracting(CallEvent::getType)
                .containsExactly(CallEventType.CALL_RINGING, CallEventType.CALL_MISSED);
        assertThat(db.sql("SELECT count(*) AS n FROM calls WHERE number_id = :n").bind("n", number.getNumberId())
                .map(row -> row.get("n", Long.class)).one().block()).as("one call per offered id").isEqualTo(6L);
        awaitParked(number, "GO-OFFERS-1", 0);
        awaitParked(number, "GO-OFFERS-LATE", 0);
        // Seven offers of six ids. Offer by offer: seven locks, seven lookups, six takes, one after another. Decided
        // together: none of those (the late id's park locks and looks up once, its offer takes once), in however
        // many polls (at most a few) the broker handed them over.
        assertThat(statementRuns("SELECT pg_advisory_xact_lock(hashtextextended($1, $2))") - locksBefore)
                .as("single-id locks").isLessThanOrEqualTo(1);
        assertThat(lookupsByProviderId() - lookupsBefore).as("single-id lookups").isLessThanOrEqualTo(2);
        assertThat(statementRuns("DELETE FROM pending_signals WHERE number_id = $1 AND external_call_id = $2%")
                - takesBefore).as("single-id takes").isLessThanOrEqualTo(1);
    }

    /** Executions so far of the statements whose text is like {@code pattern}, as PostgreSQL counted them. */
    private long statementRuns(String pattern) {
        return db.sql("SELECT coalesce(sum(calls), 0) AS n FROM public.pg_stat_statements WHERE query LIKE :q")
                .bind("q", pattern).map(row -> row.get("n", Long.class)).one().block(WAIT);
    }

    /** Executions of the one-call lookup by provider id so far, as PostgreSQL counted them. */
    private long lookupsByProviderId() {
        return db.sql("""
                        SELECT coalesce(sum(calls), 0) AS n FROM public.pg_stat_statements
                        WHERE query LIKE 'SELECT id, number_id,%FROM calls WHERE number_id = $1 AND external_call_id = $2'""")
                .map(row -> row.get("n", Long.class)).one().block(WAIT);
    }

    @Test
    void aSignalTheDatabaseRefusesIsDeadLetteredAloneAndTheRestOfItsPollApplies() {
        NumberContext number = newEvoGoNumber(evoGo.newInstance());
        // Reads well, but PostgreSQL refuses the NUL in its call id: the poll fails as a whole and is redone record
        // by record, so only this one is dead-lettered.
        var refused = goSignal(number, "CallTerminate", Fixtures.terminate("GO-NUL-\\u0000", "hangup", null));

        holdingTheListener(() -> {
            send(goSignal(number, "CallOffer", Fixtures.offer("GO-BEFORE-NUL", "5511900000010")));
            send(refused);
            send(goSignal(number, "CallOffer", Fixtures.offer("GO-AFTER-NUL", "5511900000011")));
        });

        awaitEvents(awaitCallByExternal(number.getNumberId(), "GO-BEFORE-NUL"), 1);
        awaitEvents(awaitCallByExternal(number.getNumberId(), "GO-AFTER-NUL"), 1);
        await().atMost(WAIT).until(() -> kafka.values("provider.signals.DLT", ProviderSignal.class,
                s -> s.getSignalId().equals(refused.getSignalId())), list -> list.size() == 1);
        assertThat(db.sql("SELECT count(*) AS n FROM calls WHERE number_id = :n").bind("n", number.getNumberId())
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(2L);
    }

    /** Publishes while the signals' listener is stopped, so what is published arrives together when it starts. */
    private void holdingTheListener(Runnable publishing) {
        ListenerHold.whilePublishing(listeners.getListenerContainer("signaling.signals"), WAIT, publishing);
    }

    @Test
    void anInboundOfferCreatesARingingCall() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);

        send(goSignal(number, "CallOffer", Fixtures.offer("GO-IN-1", "5511977776666")));

        String callId = awaitCallByExternal(number.getNumberId(), "GO-IN-1");
        CallEvent ringing = awaitEvents(callId, 1).getFirst();
        assertThat(callId).startsWith("call_");
        assertThat(ringing.getType()).isEqualTo(CallEventType.CALL_RINGING);
        assertThat(ringing.getSequence()).isEqualTo(1L);
        assertThat(ringing.getDirection()).isEqualTo(Direction.INBOUND);
        assertThat(ringing.getPeerNumber()).isEqualTo("+5511977776666");
        assertThat(status(callId)).isEqualTo("RINGING");
        assertThat(column(callId, "peer_ref", String.class)).isEqualTo("5511977776666@s.whatsapp.net");
    }

    @Test
    void aTerminateBeforeItsOfferIsKeptAndEndsTheCallAsMissed() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);

        send(goSignal(number, "CallTerminate", Fixtures.terminate("GO-IN-2", "hangup", null)));
        awaitParked(number, "GO-IN-2", 1);
        send(goSignal(number, "CallOffer", Fixtures.offer("GO-IN-2", "5511966665555")));

        String callId = awaitCallByExternal(number.getNumberId(), "GO-IN-2");
        List<CallEvent> events = awaitEvents(callId, 2);
        assertThat(events).extracting(CallEvent::getType)
                .containsExactly(CallEventType.CALL_RINGING, CallEventType.CALL_MISSED);
        assertThat(events).extracting(CallEvent::getSequence).containsExactly(1L, 2L);
        assertThat(status(callId)).isEqualTo("MISSED");
        awaitParked(number, "GO-IN-2", 0);
    }

    @Test
    void signalsBeforeTheProviderIdWasStoredAreAppliedWhenItIs() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-EARLY");
        NumberContext number = newEvoGoNumber(go);
        send(goSignal(number, "CallRinging", callId("GO-EARLY")));
        send(goSignal(number, "CallAccept", callId("GO-EARLY")));
        awaitParked(number, "GO-EARLY", 2);

        CallCommand place = Fixtures.place(number, Ids.newId("call"), "+5511988880000");
        send(place);
        CommandReply reply = awaitReply(place.getCommandId());

        assertThat(reply.getCall().getExternalCallId()).isEqualTo("GO-EARLY");
        assertThat(reply.getCall().getStatus()).isEqualTo(CallStatus.ACCEPTED);
        assertThat(awaitEvents(place.getCallId(), 2)).extracting(CallEvent::getType)
                .containsExactly(CallEventType.CALL_RINGING, CallEventType.CALL_CONNECTED);
        assertThat(status(place.getCallId())).isEqualTo("ACCEPTED");
        awaitParked(number, "GO-EARLY", 0);
    }

    @Test
    void aTerminateWithADurationBeforeItsAcceptCompletesTheCallOnce() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-LATE-ACCEPT");
        NumberContext number = newEvoGoNumber(go);
        String callId = placed(number, "GO-LATE-ACCEPT");

        send(goSignal(number, "CallTerminate", Fixtures.terminate("GO-LATE-ACCEPT", "hangup", 30)));
        awaitEvents(callId, 2);
        send(goSignal(number, "CallAccept", callId("GO-LATE-ACCEPT")));
        send(goSignal(number, "CallRinging", callId("GO-LATE-ACCEPT")));

        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> events(callId).size() == 2);
        List<CallEvent> events = events(callId);
        assertThat(events).extracting(CallEvent::getType)
                .containsExactly(CallEventType.CALL_CONNECTED, CallEventType.CALL_ENDED);
        assertThat(events.get(1).getDurationSeconds()).isEqualTo(30);
        assertThat(status(callId)).isEqualTo("COMPLETED");
    }

    @Test
    void connectionUpdatesAreRecordedPerNumber() {
        NumberContext number = newEvoGoNumber(evoGo.newInstance());

        send(goSignal(number, "ConnectionUpdate", "{\"state\":\"close\"}"));

        await().atMost(WAIT).until(() -> db.sql("SELECT state FROM number_connection WHERE number_id = :n")
                .bind("n", number.getNumberId()).map(row -> row.get("state", String.class)).one()
                .blockOptional().orElse(""), "close"::equals);
        assertThat(db.sql("SELECT version FROM numbers WHERE number_id = :n").bind("n", number.getNumberId())
                .map(row -> row.get("version", Long.class)).one().block()).isEqualTo(1L);
    }

    /** Places a call whose GO id is {@code externalCallId}; returns Ringline's id. */
    private String placed(NumberContext number, String externalCallId) {
        CallCommand place = Fixtures.place(number, Ids.newId("call"), "+5511988880000");
        send(place);
        assertThat(awaitReply(place.getCommandId()).getCall().getExternalCallId()).isEqualTo(externalCallId);
        return place.getCallId();
    }

    private void awaitParked(NumberContext number, String externalCallId, long count) {
        await().atMost(WAIT).until(() -> db.sql(
                        "SELECT count(*) AS n FROM pending_signals WHERE number_id = :n AND external_call_id = :x")
                .bind("n", number.getNumberId()).bind("x", externalCallId)
                .map(row -> row.get("n", Long.class)).one().block(), n -> n == count);
    }

    /** The call's events in the order they were consumed (one partition: the produced order). */
    private List<CallEvent> arrivalOrder(String callId) {
        return kafka.values("call-events", CallEvent.class, e -> callId.equals(e.getCallId()));
    }
}
