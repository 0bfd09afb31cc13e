package io.ringline.fanout.delivery.dispatch;

/**
 * When the queue has grown enough that the plans the fan-out's connections hold should be made again. Each connection
 * plans a statement once ({@code plan_cache_mode = force_generic_plan}) and keeps the plan until PostgreSQL invalidates
 * it — on an ANALYZE of a table it reads, which autovacuum runs about once a minute at most. A plan made while the
 * queue filled one page scans it (the cheapest plan then), and read a backlog of thousands of rows whole on every batch
 * of outcomes (DeliveryQueuePlansIntegrationTest). So once the due depth has grown fourfold since the plans were last
 * made again (or since the lowest depth seen after that), and is at least {@link #MINIMUM}, the queue is analysed, and
 * every connection plans again at the size the queue has now. Shrinking needs nothing: a plan made on a large queue
 * reads by key, which a small queue answers as cheaply.
 */
final class QueueGrowth {

    /** Below this many due rows a scan of the queue costs about what reading its rows by key does. */
    static final long MINIMUM = 500;
    static final long FACTOR = 4;

    private long planned;

    /** Records the due depth just read; true when the queue's plans should be made again now. */
    boolean grewPastPlans(long depth) {
        if (depth < planned) {
            planned = depth;
            return false;
        }
        if (depth >= MINIMUM && depth >= FACTOR * Math.max(planned, 1)) {
            planned = depth;
            return true;
        }
        return false;
    }
}
