package io.ringline.fanout.replay.web;

import io.ringline.fanout.delivery.persistence.AttemptLog;
import java.time.Instant;
import java.util.List;

/**
 * One page of the delivery log.
 *
 * @param nextBefore pass as {@code before} for the next (older) page; null on the last page
 */
record AttemptLogResponse(List<Item> logs, String nextBefore) {

    record Item(String id, String deliveryId, String eventId, String event, String status, Integer statusCode,
            int durationMs, String responseExcerpt, String error, Instant attemptedAt) {
    }

    static AttemptLogResponse of(List<AttemptLog.Entry> entries, int limit) {
        List<Item> items = entries.stream()
                .map(e -> new Item(Long.toString(e.id()), e.deliveryId(), e.eventId(), e.event(), e.status(),
                        e.statusCode(), e.durationMs(), e.responseExcerpt(), e.error(), e.attemptedAt()))
                .toList();
        String next = entries.size() == limit ? Long.toString(entries.getLast().id()) : null;
        return new AttemptLogResponse(items, next);
    }
}
