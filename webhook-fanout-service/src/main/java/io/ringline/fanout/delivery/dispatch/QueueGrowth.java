package io.ringline.fanout.delivery.dispatch;

/**
 * When the queue has grown enough that the plans the fan-out's connections hold should be made again. Each connection
 * plans a statement once ({@code plan_cache_mode = force_generic_plan}) and keeps the plan until PostgreSQL invalidates
 * it — on an ANALYZE of a table it reads, which autovacuum runs about once a minute at most. A plan made while the
 * queue filled one page scans it (the cheapest plan then), and read a backlog of thousands of rows whole on every batch
 * of outcomes (DeliveryQueuePlansIntegrationTest), and, in the claim, on every step of its search for subscriptions
 * with work. So once the queue (its rows of active subscriptions, due or not: the backlog gauge counts them) has grown
 * fourfold since the plans were last made again (or since the lowest count seen after that), and holds at least
 * {@link #MINIMUM} rows, it is analysed, and every connection plans again at the size the queue has now. Shrinking
 * needs nothing: a plan made on a large queue reads by key, which a small queue answers as cheaply.
 */
final class QueueGrowth {

    /** Below this many rows a scan reads a few pages of the queue: not worth new plans in every session. */
    static final long MINIMUM = 500;
    static final long FACTOR = 4;

    private long planned;

    /** Records the queue's size just read; true when the queue's plans should be made again now. */
    boolean outgrown(long queued) {
        planned = Math.min(planned, queued);
        return queued >= MINIMUM && queued >= FACTOR * Math.max(planned, 1);
    }

    /** The plans were made again at this size (an ANALYZE that failed leaves them as they were: asked again). */
    void replannedAt(long queued) {
        planned = queued;
    }
}
