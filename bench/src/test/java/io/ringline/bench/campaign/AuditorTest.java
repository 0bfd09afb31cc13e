package io.ringline.bench.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.bench.campaign.AuditInput.CallRow;
import io.ringline.bench.campaign.AuditInput.EventRecord;
import io.ringline.bench.campaign.AuditInput.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The auditor on hand-made books: balanced ones pass, and each kind of damage is counted where it belongs. */
class AuditorTest {

    private static final Instant NOW = Instant.parse("2026-12-03T20:00:00Z");
    private static final String SUB = "/campaign/t0";

    /** Two calls of tenant t0, both ended: ringing, connected, ended; each event delivered once; signals applied. */
    private static Books balanced() {
        Books b = new Books();
        b.accepted.addAll(List.of("call_a", "call_b"));
        for (String call : List.of("call_a", "call_b")) {
            b.calls.add(new CallRow(call, "t0", "COMPLETED", 3, NOW.minusSeconds(5), "EVO_GO OUTBOUND"));
            int s = 1;
            for (String type : List.of("CALL_RINGING", "CALL_CONNECTED", "CALL_ENDED")) {
                String id = "evt_" + call + "_" + s;
                b.events.add(new EventRecord(id, type, call, "t0", s++));
                b.deliveries.add(new Received(SUB, id, type, call));
            }
        }
        b.events.add(new EventRecord("evt_raw", "CALLS_RAW", null, "t0", 1));
        b.deliveries.add(new Received(SUB, "evt_raw", "calls", null));
        // a raw event naming a call is numbered in its number's sequence, not the call's
        b.events.add(new EventRecord("evt_raw_a", "CALLS_RAW", "call_a", "t0", 2));
        b.deliveries.add(new Received(SUB, "evt_raw_a", "calls", "call_a"));
        b.signals.addAll(List.of("sig1", "sig2", "sig3"));
        b.applied.addAll(List.of("sig1", "sig2", "sig3"));
        return b;
    }

    @Test
    void balancedBooksPass() {
        AuditReport report = Auditor.audit(balanced().input());

        assertThat(report.lost()).isZero();
        assertThat(report.duplicatedWithNewId()).isZero();
        assertThat(report.stuck()).isZero();
        assertThat(report.clean()).isTrue();
        assertThat(report.calls()).isEqualTo(2);
        assertThat(report.distinctEvents()).isEqualTo(8);
        assertThat(report.expectedDeliveries()).isEqualTo(8);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void aRedeliveryWithTheSameWebhookIdAndARepublishedEventAreAllowedAndCounted() {
        Books b = balanced();
        b.deliveries.add(new Received(SUB, "evt_call_a_2", "CALL_CONNECTED", "call_a"));
        b.events.add(new EventRecord("evt_call_b_1", "CALL_RINGING", "call_b", "t0", 1));

        AuditReport report = Auditor.audit(b.input());

        assertThat(report.clean()).isTrue();
        assertThat(report.redeliveredSameId()).isEqualTo(1);
        assertThat(report.republishedSameEventId()).isEqualTo(1);
    }

    @Test
    void anEventMissingFromTheTopicIsLostAsASequenceGap() {
        Books b = balanced();
        b.events.removeIf(e -> e.eventId().equals("evt_call_a_2"));
        b.deliveries.removeIf(d -> d.webhookId().equals("evt_call_a_2"));

        AuditReport report = Auditor.audit(b.input());

        assertThat(report.lost()).isEqualTo(1);
        assertThat(report.lostBy()).containsEntry("event", 1L);
        assertThat(report.clean()).isFalse();
        assertThat(report.findings()).anyMatch(f -> f.contains("call_a") && f.contains("sequence 2"));
    }

    @Test
    void anEventNeverDeliveredIsLost() {
        Books b = balanced();
        b.deliveries.removeIf(d -> d.webhookId().equals("evt_call_b_3"));

        AuditReport report = Auditor.audit(b.input());

        assertThat(report.lostBy()).containsOnly(Map.entry("delivery", 1L));
        assertThat(report.findings()).anyMatch(f -> f.contains("evt_call_b_3") && f.contains(SUB));
    }

    @Test
    void anAcceptedCallSignalingDoesNotHaveAndASignalNeverAppliedAreLost() {
        Books b = balanced();
        b.accepted.add("call_c");
        b.signals.add("sig4");

        AuditReport report = Auditor.audit(b.input());

        assertThat(report.lostBy()).containsEntry("call", 1L).containsEntry("signal", 1L);
        assertThat(report.lost()).isEqualTo(2);
    }

    @Test
    void aDuplicateDeliveryWithANewIdIsCaught() {
        Books b = balanced();
        // the fan-out re-rendered call_a's ended event under a new id: the tenant would see two call.ended
        b.deliveries.add(new Received(SUB, "evt_new", "CALL_ENDED", "call_a"));

        AuditReport report = Auditor.audit(b.input());

        assertThat(report.duplicatedWithNewId()).isEqualTo(1);
        assertThat(report.duplicatedBy()).containsOnly(Map.entry("delivery", 1L));
        assertThat(report.clean()).isFalse();
    }

    @Test
    void aSignalAppliedTwiceShowsAsADuplicateTransitionAndTwoIdsForOneSequenceAsADuplicateEvent() {
        Books b = balanced();
        // call_b ended twice: sequence 4 carries a second CALL_ENDED (and the call's counter moved on to 4)
        b.calls.replaceAll(c -> c.callId().equals("call_b") ? new CallRow("call_b", "t0", "COMPLETED", 4,
                c.updatedAt(), "EVO_GO OUTBOUND") : c);
        b.events.add(new EventRecord("evt_b_again", "CALL_ENDED", "call_b", "t0", 4));
        b.deliveries.add(new Received(SUB, "evt_b_again", "CALL_ENDED", "call_b"));
        // and call_a's ringing was published under two ids for one sequence number
        b.events.add(new EventRecord("evt_a_twin", "CALL_RINGING", "call_a", "t0", 1));
        b.deliveries.add(new Received(SUB, "evt_a_twin", "CALL_RINGING", "call_a"));

        AuditReport report = Auditor.audit(b.input());

        assertThat(report.duplicatedBy()).containsEntry("transition", 2L).containsEntry("event", 1L);
        assertThat(report.lost()).isZero();
        assertThat(report.findings()).anyMatch(f -> f.contains("call_b") && f.contains("CALL_ENDED"));
    }

    @Test
    void aSequenceGapInTheMiddleIsLostEvenWhenTheLastEventArrived() {
        Books b = balanced();
        b.events.removeIf(e -> e.eventId().equals("evt_call_b_2"));
        b.deliveries.removeIf(d -> d.webhookId().equals("evt_call_b_2"));

        AuditReport report = Auditor.audit(b.input());

        assertThat(report.lostBy()).containsOnly(Map.entry("event", 1L));
        assertThat(report.findings()).anyMatch(f -> f.contains("call_b") && f.contains("sequence 2"));
    }

    @Test
    void aCallNotTerminalPastTheDeadlineIsStuckAndARecentOneIsLive() {
        Books b = balanced();
        b.accepted.addAll(List.of("call_old", "call_new"));
        b.calls.add(new CallRow("call_old", "t0", "ACCEPTED", 0, NOW.minus(Duration.ofMinutes(10)),
                "EVO_GO OUTBOUND"));
        b.calls.add(new CallRow("call_new", "t0", "RINGING", 0, NOW.minusSeconds(2), "EVO_GO OUTBOUND"));

        AuditReport report = Auditor.audit(b.input());

        assertThat(report.stuck()).isEqualTo(1);
        assertThat(report.stuckBy()).containsOnly(Map.entry("call", 1L));
        assertThat(report.liveCalls()).isEqualTo(1);
        assertThat(report.findings()).anyMatch(f -> f.contains("call_old") && f.contains("ACCEPTED"));
    }

    @Test
    void aParkedSignalPendingDeliveriesAnUndrainedOutboxAndLagFailTheAudit() {
        Books b = balanced();
        b.signals.add("sig_parked");
        b.parked.add("sig_parked");
        AuditReport parked = Auditor.audit(b.input());
        assertThat(parked.stuckBy()).containsOnly(Map.entry("signal", 1L));

        assertThat(Auditor.audit(balanced().with(i -> new AuditInput(i.acceptedCallIds(), i.calls(), i.events(),
                i.subscriptionsByTenant(), i.deliveries(), i.signalIds(), i.appliedSignalIds(), i.parkedSignalIds(),
                i.outboxRows(), i.consumerLag(), 3, i.at(), i.stuckAfter()))).stuck()).isEqualTo(3);
        AuditReport outbox = Auditor.audit(balanced().with(i -> new AuditInput(i.acceptedCallIds(), i.calls(),
                i.events(), i.subscriptionsByTenant(), i.deliveries(), i.signalIds(), i.appliedSignalIds(),
                i.parkedSignalIds(), Map.of("signaling", 2L), i.consumerLag(), 0, i.at(), i.stuckAfter())));
        assertThat(outbox.clean()).isFalse();
        assertThat(outbox.lost() + outbox.stuck() + outbox.duplicatedWithNewId()).isZero();
        AuditReport lag = Auditor.audit(balanced().with(i -> new AuditInput(i.acceptedCallIds(), i.calls(),
                i.events(), i.subscriptionsByTenant(), i.deliveries(), i.signalIds(), i.appliedSignalIds(),
                i.parkedSignalIds(), i.outboxRows(), Map.of("webhook-fanout-service", 5L), 0, i.at(),
                i.stuckAfter())));
        assertThat(lag.clean()).isFalse();
    }

    /** Mutable hand-made books. */
    private static final class Books {
        final List<String> accepted = new ArrayList<>();
        final List<CallRow> calls = new ArrayList<>();
        final List<EventRecord> events = new ArrayList<>();
        final List<Received> deliveries = new ArrayList<>();
        final List<String> signals = new ArrayList<>();
        final List<String> applied = new ArrayList<>();
        final List<String> parked = new ArrayList<>();

        AuditInput input() {
            return new AuditInput(Set.copyOf(accepted), calls, events, Map.of("t0", Set.of(SUB)), deliveries,
                    Set.copyOf(signals), Set.copyOf(applied), Set.copyOf(parked), Map.of("signaling", 0L),
                    Map.of("webhook-fanout-service", 0L), 0, NOW, Duration.ofMinutes(2));
        }

        AuditInput with(UnaryOperator<AuditInput> change) {
            return change.apply(input());
        }
    }
}
