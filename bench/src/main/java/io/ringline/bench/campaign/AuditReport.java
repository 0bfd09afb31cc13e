package io.ringline.bench.campaign;

import java.util.List;
import java.util.Map;

/**
 * The auditor's verdict on one moment of the campaign. {@code lost}, {@code duplicatedWithNewId} and {@code stuck}
 * are the headline; the breakdowns say where each came from and {@code findings} give the evidence (first few of
 * each kind). Repeats carrying the same id (a webhook re-delivered with its {@code webhook-id}, an event republished
 * with its {@code eventId}) are at-least-once and allowed: counted, never a failure.
 */
record AuditReport(long calls, long liveCalls, long events, long distinctEvents, long deliveries,
        long expectedDeliveries, long signals, long lost, long duplicatedWithNewId, long stuck,
        long redeliveredSameId, long republishedSameEventId, Map<String, Long> lostBy,
        Map<String, Long> duplicatedBy, Map<String, Long> stuckBy, Map<String, Long> outboxRows,
        Map<String, Long> consumerLag, List<String> findings) {

    /** The same report with the provider's side of stuck calls added to the findings. */
    AuditReport withProviderEvidence(List<String> lines) {
        List<String> all = new java.util.ArrayList<>(findings);
        lines.forEach(line -> all.add("provider side of a stuck " + line));
        return new AuditReport(calls, liveCalls, events, distinctEvents, deliveries, expectedDeliveries, signals, lost,
                duplicatedWithNewId, stuck, redeliveredSameId, republishedSameEventId, lostBy, duplicatedBy, stuckBy,
                outboxRows, consumerLag, all);
    }

    /** Nothing lost, nothing duplicated with a new id, nothing stuck, outboxes drained, consumers caught up. */
    boolean clean() {
        return lost == 0 && duplicatedWithNewId == 0 && stuck == 0
                && outboxRows.values().stream().allMatch(n -> n == 0)
                && consumerLag.values().stream().allMatch(n -> n == 0);
    }

    String headline() {
        return "calls " + calls + " (" + liveCalls + " live), events " + distinctEvents + " (" + events
                + " records), deliveries " + deliveries + " of " + expectedDeliveries + " expected, signals " + signals
                + " — lost = " + lost + ", duplicated-with-new-id = " + duplicatedWithNewId + ", stuck = " + stuck
                + " (same-id re-deliveries " + redeliveredSameId + ", same-id republished events "
                + republishedSameEventId + ")";
    }
}
