package io.ringline.media.realtime.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What all the realtime sessions of this instance have waiting to be written, together. Each session is bounded by
 * {@link RealtimeLimits#maxQueuedBytes()}, but hundreds of sessions whose readers fall behind at once (an overloaded
 * host) would together hold far more than the heap: the benchmark's 750 sessions on a throttled machine ran the
 * bridge out of its 256 MiB and took every session down with it. Over {@link RealtimeLimits#maxInstanceQueuedBytes()}
 * a session may queue more only while it holds no more than its share of it (the cap over the open sessions), so the
 * sessions that fall furthest behind are ended ({@code slow consumer}) and the others go on; the total stays under
 * twice the cap. Lock-free: every audio frame passes here.
 */
@Component
class InstanceBuffers {

    private final long capBytes;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicInteger sessions = new AtomicInteger();

    @Autowired
    InstanceBuffers(RealtimeLimits limits, MeterRegistry registry) {
        this(limits.maxInstanceQueuedBytes().toBytes());
        Gauge.builder("ringline.media.queued.bytes", queued, AtomicLong::get)
                .description("bytes the realtime sessions of this instance have waiting to be written")
                .baseUnit("bytes")
                .register(registry);
    }

    /** Without a gauge: for tests of the arithmetic. */
    InstanceBuffers(long capBytes) {
        this.capBytes = capBytes;
    }

    void opened() {
        sessions.incrementAndGet();
    }

    void closed() {
        sessions.decrementAndGet();
    }

    /**
     * Counts {@code size} more bytes for a session that holds {@code mine} already, or refuses them (nothing counted)
     * when the instance is over its cap and the session over its share.
     */
    boolean admit(long mine, int size) {
        long total = queued.addAndGet(size);
        if (total <= capBytes || mine + size <= capBytes / Math.max(1, sessions.get())) {
            return true;
        }
        queued.addAndGet(-size);
        return false;
    }

    void release(long size) {
        queued.addAndGet(-size);
    }

    long queuedBytes() {
        return queued.get();
    }
}
