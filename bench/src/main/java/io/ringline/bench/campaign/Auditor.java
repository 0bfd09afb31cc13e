package io.ringline.bench.campaign;

import io.ringline.bench.campaign.AuditInput.CallRow;
import io.ringline.bench.campaign.AuditInput.EventRecord;
import io.ringline.bench.campaign.AuditInput.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares what was offered with what exists (issue 9 item 2). Pure: everything it looks at is in the
 * {@link AuditInput}, so it is tested on hand-made inputs. What counts as what:
 * <ul>
 * <li><b>lost</b>: an accepted call signaling does not have; a sequence number of a call (1 … its
 * {@code event_sequence}) with no record on {@code call-events}; an event not delivered to a subscription that
 * matches it; a provider signal on {@code provider.signals} that signaling neither applied nor parked.</li>
 * <li><b>duplicated-with-new-id</b>: two event ids for one call's sequence number; one transition (ringing,
 * connected, ended, missed) twice in a call under two sequence numbers — a signal applied twice; a delivery whose
 * {@code webhook-id} is no event's id.</li>
 * <li><b>stuck</b>: a call not terminal whose last change is older than {@code stuckAfter}; a parked signal (its
 * call never appeared); a delivery still pending once the platform was given time to drain.</li>
 * </ul>
 * A delivery repeated with its {@code webhook-id}, and an event republished with its {@code eventId}, are
 * at-least-once and only counted.
 */
final class Auditor {

    /** Evidence kept per kind of finding. */
    static final int EVIDENCE_PER_KIND = 5;

    private static final Set<String> TRANSITIONS = Set.of("CALL_RINGING", "CALL_CONNECTED", "CALL_ENDED",
            "CALL_MISSED");

    /** Numbered in their number's own sequence, not their call's (a raw `calls` event may name a call). */
    private static final Set<String> NUMBER_LEVEL = Set.of("CALLS_RAW", "CALL_PERMISSION_UPDATED");

    private final Map<String, Long> lost = new TreeMap<>();
    private final Map<String, Long> duplicated = new TreeMap<>();
    private final Map<String, Long> stuck = new TreeMap<>();
    private final Map<String, Integer> evidencePerKind = new HashMap<>();
    private final List<String> findings = new ArrayList<>();

    private Auditor() {
    }

    static AuditReport audit(AuditInput in) {
        return new Auditor().run(in);
    }

    private AuditReport run(AuditInput in) {
        Map<String, CallRow> calls = new HashMap<>();
        in.calls().forEach(c -> calls.put(c.callId(), c));
        for (String id : in.acceptedCallIds()) {
            if (!calls.containsKey(id)) {
                count(lost, "call", "accepted call " + id + " is not in signaling's database");
            }
        }

        Map<String, EventRecord> byId = new LinkedHashMap<>();
        for (EventRecord e : in.events()) {
            byId.putIfAbsent(e.eventId(), e);
        }
        long republished = in.events().size() - byId.size();
        // call → sequence → event ids; call → transition type → sequences
        Map<String, Map<Long, List<String>>> sequences = new HashMap<>();
        Map<String, Map<String, List<Long>>> transitions = new HashMap<>();
        for (EventRecord e : byId.values()) {
            if (e.callId() == null || NUMBER_LEVEL.contains(e.type())) {
                continue; // outside every call's sequence
            }
            sequences.computeIfAbsent(e.callId(), k -> new HashMap<>())
                    .computeIfAbsent(e.sequence(), k -> new ArrayList<>()).add(e.eventId());
            if (TRANSITIONS.contains(e.type())) {
                transitions.computeIfAbsent(e.callId(), k -> new HashMap<>())
                        .computeIfAbsent(e.type(), k -> new ArrayList<>()).add(e.sequence());
            }
        }
        sequences.forEach((callId, bySequence) -> bySequence.forEach((sequence, ids) -> {
            for (int i = 1; i < ids.size(); i++) {
                count(duplicated, "event", "call " + callId + " sequence " + sequence + " has event ids " + ids);
            }
        }));
        transitions.forEach((callId, byType) -> byType.forEach((type, seqs) -> {
            for (int i = 1; i < seqs.size(); i++) {
                count(duplicated, "transition", "call " + callId + " has " + type + " at sequences " + seqs);
            }
        }));

        long live = 0;
        for (CallRow call : in.calls()) {
            Map<Long, List<String>> seen = sequences.getOrDefault(call.callId(), Map.of());
            for (long s = 1; s <= call.eventSequence(); s++) {
                if (!seen.containsKey(s)) {
                    count(lost, "event", "call " + call.callId() + " (" + call.status() + ", event_sequence "
                            + call.eventSequence() + "; " + call.detail() + ") has no event with sequence " + s
                            + " on call-events");
                }
            }
            if (!call.terminal()) {
                Duration idle = Duration.between(call.updatedAt(), in.at());
                if (idle.compareTo(in.stuckAfter()) > 0) {
                    count(stuck, "call", "call " + call.callId() + " is " + call.status() + " since "
                            + call.updatedAt() + " (" + idle.toSeconds() + " s; " + call.detail() + ")");
                } else {
                    live++;
                }
            }
        }

        Map<String, Map<String, Integer>> received = new HashMap<>(); // subscription → webhook-id → times
        for (Received r : in.deliveries()) {
            received.computeIfAbsent(r.subscription(), k -> new HashMap<>()).merge(r.webhookId(), 1, Integer::sum);
        }
        long redelivered = 0;
        for (var bySubscription : received.entrySet()) {
            for (var entry : bySubscription.getValue().entrySet()) {
                redelivered += entry.getValue() - 1;
                if (!byId.containsKey(entry.getKey())) {
                    count(duplicated, "delivery", bySubscription.getKey() + " received webhook-id " + entry.getKey()
                            + ", the id of no event on call-events");
                }
            }
        }
        long expected = 0;
        for (EventRecord e : byId.values()) {
            for (String subscription : in.subscriptionsByTenant().getOrDefault(e.tenantId(), Set.of())) {
                expected++;
                if (!received.getOrDefault(subscription, Map.of()).containsKey(e.eventId())) {
                    count(lost, "delivery", e.type() + " " + e.eventId() + " (call " + e.callId()
                            + ") never reached " + subscription);
                }
            }
        }

        for (String signal : in.signalIds()) {
            if (in.parkedSignalIds().contains(signal)) {
                count(stuck, "signal", "signal " + signal + " is still parked: its call never appeared");
            } else if (!in.appliedSignalIds().contains(signal)) {
                count(lost, "signal", "signal " + signal + " is on provider.signals but was never applied");
            }
        }
        if (in.pendingDeliveries() > 0) {
            stuck.merge("delivery", in.pendingDeliveries(), Long::sum);
            findings.add("stuck delivery: " + in.pendingDeliveries() + " deliveries still PENDING after the drain");
        }
        in.outboxRows().forEach((schema, rows) -> {
            if (rows > 0) {
                findings.add("outbox: " + schema + ".outbox still holds " + rows + " rows");
            }
        });
        in.consumerLag().forEach((group, lag) -> {
            if (lag > 0) {
                findings.add("lag: consumer group " + group + " is " + lag + " records behind");
            }
        });

        return new AuditReport(in.calls().size(), live, in.events().size(), byId.size(), in.deliveries().size(),
                expected, in.signalIds().size(), sum(lost), sum(duplicated), sum(stuck), redelivered, republished,
                lost, duplicated, stuck, new TreeMap<>(in.outboxRows()), new TreeMap<>(in.consumerLag()), findings);
    }

    private void count(Map<String, Long> tally, String kind, String evidence) {
        tally.merge(kind, 1L, Long::sum);
        String label = (tally == lost ? "lost " : tally == duplicated ? "duplicated-with-new-id " : "stuck ") + kind;
        if (evidencePerKind.merge(label, 1, Integer::sum) <= EVIDENCE_PER_KIND) {
            findings.add(label + ": " + evidence);
        }
    }

    private static long sum(Map<String, Long> tally) {
        return tally.values().stream().mapToLong(Long::longValue).sum();
    }
}
