package io.ringline.bench.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the auditor compares, gathered from the platform at one moment (or made by hand in a test): what the campaign
 * offered, what signaling's database holds, what the {@code call-events} and {@code provider.signals} topics hold,
 * what the campaign's webhook receiver got, and the backlogs.
 *
 * @param acceptedCallIds     every call id the API answered {@code 201} for (business-initiated calls)
 * @param calls               signaling's calls of the campaign's numbers
 * @param events              every record of {@code call-events} for the campaign's tenants, repeats included
 * @param subscriptionsByTenant the subscriptions (receiver paths) each tenant has that match every event
 * @param deliveries          every HTTP delivery the receiver got, repeats included
 * @param signalIds           every distinct {@code signalId} on {@code provider.signals} for the campaign's numbers
 * @param appliedSignalIds    signal ids signaling recorded as processed ({@code processed_messages})
 * @param parkedSignalIds     signal ids waiting in {@code pending_signals} for their call
 * @param outboxRows          unpublished outbox rows per schema
 * @param consumerLag         records behind per consumer group (summed over partitions)
 * @param pendingDeliveries   fan-out deliveries still {@code PENDING} for the campaign's subscriptions
 * @param at                  when this was gathered
 * @param stuckAfter          a call not terminal whose last change is older than this is stuck, not live
 */
record AuditInput(Set<String> acceptedCallIds, List<CallRow> calls, List<EventRecord> events,
        Map<String, Set<String>> subscriptionsByTenant, List<Received> deliveries, Set<String> signalIds,
        Set<String> appliedSignalIds, Set<String> parkedSignalIds, Map<String, Long> outboxRows,
        Map<String, Long> consumerLag, long pendingDeliveries, Instant at, Duration stuckAfter) {

    /** One call as signaling's database holds it; {@code detail} (provider, direction, ids) goes into findings. */
    record CallRow(String callId, String tenantId, String status, long eventSequence, Instant updatedAt,
            String detail) {

        boolean terminal() {
            return switch (status) {
                case "COMPLETED", "FAILED", "MISSED", "REJECTED" -> true;
                default -> false;
            };
        }
    }

    /**
     * One record of {@code call-events}; {@code sequence} counts per call, except for the number-level types
     * ({@code CALLS_RAW}, {@code CALL_PERMISSION_UPDATED}), which count per number.
     */
    record EventRecord(String eventId, String type, String callId, String tenantId, long sequence) {
    }

    /** One HTTP delivery received by subscription {@code subscription} (its receiver path). */
    record Received(String subscription, String webhookId, String event, String callId) {
    }
}
