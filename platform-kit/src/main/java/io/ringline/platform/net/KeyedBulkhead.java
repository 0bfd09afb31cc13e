package io.ringline.platform.net;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.pool.InstrumentedPool;
import reactor.pool.PoolAcquirePendingLimitException;
import reactor.pool.PoolAcquireTimeoutException;
import reactor.pool.PoolBuilder;
import reactor.pool.PoolShutdownException;
import reactor.pool.PooledRef;
import reactor.util.retry.Retry;

/**
 * Bounds outbound work per key (a tenant's number): at most {@code maxConcurrent} at once, at most
 * {@code maxWaiting} more waiting their turn (first come, first served) for at most {@code maxWait}; beyond
 * that the work is refused at once with {@link BulkheadFullException}, so one key's slow destination can
 * neither pile up unbounded work nor take what others need.
 *
 * <p>Waiting never parks a thread: a waiter is a pending subscription in a Reactor pool (reactor-pool, the
 * pool under Reactor Netty's connections) whose resources are plain permits. Keys idle for a while are
 * forgotten, so the map is bounded by the keys active recently, not by every key ever seen.
 */
public final class KeyedBulkhead {

    /**
     * @param maxConcurrent work running at once per key
     * @param maxWaiting    work allowed to wait for a turn per key (0: refuse at once when full)
     * @param maxWait       longest a waiter waits before it is refused
     */
    public record Limits(int maxConcurrent, int maxWaiting, Duration maxWait) {
        public Limits {
            if (maxConcurrent < 1 || maxWaiting < 0) {
                throw new IllegalArgumentException("bulkhead limits must be positive (waiting may be 0)");
            }
            Objects.requireNonNull(maxWait, "maxWait");
            if (maxWaiting > 0 && (maxWait.isZero() || maxWait.isNegative())) {
                throw new IllegalArgumentException("a bulkhead with waiters needs a positive maxWait");
            }
        }
    }

    private static final Object PERMIT = new Object();
    private static final Duration IDLE = Duration.ofMinutes(10);

    private final Limits limits;
    private final ConcurrentHashMap<String, InstrumentedPool<Object>> pools = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    public KeyedBulkhead(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /** A slot of one key, held until {@link #release()} (later calls do nothing). */
    public static final class Permit {
        private final PooledRef<Object> ref;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(PooledRef<Object> ref) {
            this.ref = ref;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                ref.release().subscribe();
            }
        }
    }

    /**
     * Runs {@code work} when {@code key} has a free slot (subscribing to it only then); errors with
     * {@link BulkheadFullException} when the key's line is full or the wait ran out. The slot is given back
     * when the work completes, fails or is cancelled.
     */
    public <T> Mono<T> run(String key, Supplier<? extends Mono<T>> work) {
        return Mono.usingWhen(acquire(key), permit -> work.get(), KeyedBulkhead::release,
                (permit, error) -> release(permit), KeyedBulkhead::release);
    }

    /**
     * A slot of {@code key} for work whose end is not one Mono (the caller releases it); emits once a slot
     * is free, errors with {@link BulkheadFullException} like {@link #run}.
     */
    public Mono<Permit> acquire(String key) {
        return Mono.defer(() -> {
                    sweepIdle();
                    InstrumentedPool<Object> pool = pools.computeIfAbsent(key, k -> newPool());
                    return limits.maxWaiting() == 0 ? pool.acquire() : pool.acquire(limits.maxWait());
                })
                // an idle pool was swept between lookup and acquire: take the fresh one
                .retryWhen(Retry.max(1).filter(PoolShutdownException.class::isInstance))
                .onErrorMap(e -> e instanceof PoolAcquirePendingLimitException || e instanceof PoolAcquireTimeoutException,
                        e -> new BulkheadFullException(key))
                .map(Permit::new);
    }

    private static Mono<Void> release(Permit permit) {
        return Mono.fromRunnable(permit::release);
    }

    /** Work running now for {@code key} (for tests and gauges). */
    public int running(String key) {
        InstrumentedPool<Object> pool = pools.get(key);
        return pool == null ? 0 : pool.metrics().acquiredSize();
    }

    /** Work waiting now for {@code key}. */
    public int waiting(String key) {
        InstrumentedPool<Object> pool = pools.get(key);
        return pool == null ? 0 : pool.metrics().pendingAcquireSize();
    }

    private InstrumentedPool<Object> newPool() {
        return PoolBuilder.from(Mono.just(PERMIT))
                .sizeBetween(0, limits.maxConcurrent())
                .maxPendingAcquire(limits.maxWaiting())
                .buildPool();
    }

    /** At most once a minute: drop pools nobody used for {@link #IDLE}. */
    private void sweepIdle() {
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (now - last < Duration.ofMinutes(1).toNanos() || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        pools.forEach((key, pool) -> {
            InstrumentedPool.PoolMetrics metrics = pool.metrics();
            if (metrics.acquiredSize() == 0 && metrics.pendingAcquireSize() == 0
                    && metrics.isInactiveForMoreThan(IDLE) && pools.remove(key, pool)) {
                pool.dispose();
            }
        });
    }
}
