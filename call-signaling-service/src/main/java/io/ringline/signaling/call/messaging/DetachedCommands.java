package io.ringline.signaling.call.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.platform.net.BulkheadFullException;
import io.ringline.platform.net.KeyedBulkhead;
import io.ringline.signaling.SignalingProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.pool.InstrumentedPool;
import reactor.pool.PoolBuilder;
import reactor.pool.PooledRef;

/**
 * Where the provider part of commands runs: off the Kafka batch, so a provider that hangs holds up its own
 * commands only, never the batch (and with it every other tenant's commands).
 *
 * <ul>
 *   <li><b>Bounded.</b> A command is admitted with a slot of its tenant ({@code commands-in-flight-per-tenant},
 *   no waiting: beyond it the command is answered busy at once) and a slot of the global cap
 *   ({@code commands-in-flight}, waited for: that wait is the consumer's back-pressure). Both are held until
 *   the command's detached part ends.</li>
 *   <li><b>Per-call order.</b> A later command of a call whose earlier command still runs here is chained
 *   after it, off the batch as well.</li>
 *   <li><b>Handing partitions over.</b> Before a partition is given up (rebalance) or the service stops,
 *   its detached work is waited for (bounded), so the next owner never overtakes a command in flight.</li>
 * </ul>
 */
@Component
class DetachedCommands implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DetachedCommands.class);

    /** A command's right to run detached; released when its detached part ends (or at once if it never detaches). */
    final class Admission {
        private final KeyedBulkhead.Permit tenantSlot;
        private final PooledRef<Object> globalSlot;
        private final AtomicBoolean handedOver = new AtomicBoolean();

        private Admission(KeyedBulkhead.Permit tenantSlot, PooledRef<Object> globalSlot) {
            this.tenantSlot = tenantSlot;
            this.globalSlot = globalSlot;
        }

        /** False when the tenant already had its share in flight: answer busy, claim nothing. */
        boolean admitted() {
            return tenantSlot != null;
        }

        /** Runs {@code work} off the batch, after any earlier detached work of {@code callId}; keeps the slots until it ends. */
        void detach(String callId, TopicPartition partition, Supplier<Mono<Void>> work) {
            if (!admitted() || !handedOver.compareAndSet(false, true)) {
                throw new IllegalStateException("admission already used or refused");
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            CompletableFuture<Void> previous = tails.put(callId, done);
            inFlight.computeIfAbsent(partition, p -> ConcurrentHashMap.newKeySet()).add(done);
            Mono<Void> turn = previous == null ? Mono.empty() : Mono.fromFuture(previous, true);
            turn.then(Mono.defer(work))
                    .onErrorResume(e -> {
                        log.error("detached command of call {} failed; its sender gets no reply and times out: {}",
                                callId, e.toString());
                        return Mono.empty();
                    })
                    .doFinally(signal -> {
                        tails.remove(callId, done);
                        Set<CompletableFuture<Void>> ofPartition = inFlight.get(partition);
                        if (ofPartition != null) {
                            ofPartition.remove(done);
                        }
                        release();
                        done.complete(null);
                    })
                    .subscribe();
        }

        /** Gives the slots back unless a detached part now owns them. */
        void close() {
            if (handedOver.compareAndSet(false, true)) {
                release();
            }
        }

        private void release() {
            if (tenantSlot != null) {
                tenantSlot.release();
                globalSlot.release().subscribe();
            }
        }
    }

    private final InstrumentedPool<Object> globalSlots;
    private final KeyedBulkhead tenantSlots;
    private final Duration drainBound;
    /** The last detached part of each call, so the next command of that call runs after it. */
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Set<CompletableFuture<Void>>> inFlight = new ConcurrentHashMap<>();
    private volatile boolean running;

    DetachedCommands(SignalingProperties props, MeterRegistry meters) {
        this.globalSlots = PoolBuilder.from(Mono.just(new Object()))
                .sizeBetween(0, props.commandsInFlight())
                .maxPendingAcquireUnbounded() // the waiters are the consumer's batches: bounded by the batch size
                .buildPool();
        this.tenantSlots = new KeyedBulkhead(new KeyedBulkhead.Limits(props.commandsInFlightPerTenant(), 0,
                Duration.ZERO));
        // the longest a detached part can take: a predecessor and itself, each waiting its turn then timing out
        this.drainBound = props.providerLimits().maxWait().plus(props.providerTimeout()).multipliedBy(2)
                .plusSeconds(2);
        Gauge.builder("ringline.commands.detached", this, DetachedCommands::inFlight)
                .description("Commands whose provider part runs (or waits) off the Kafka batch, this instance")
                .register(meters);
    }

    /**
     * Emits the command's admission: refused at once when its tenant is at its share, otherwise once a global
     * slot is free (the batch waits for that).
     */
    Mono<Admission> admit(String tenantId) {
        return tenantSlots.acquire(String.valueOf(tenantId))
                .flatMap(tenantSlot -> globalSlots.acquire()
                        .map(globalSlot -> new Admission(tenantSlot, globalSlot))
                        .doOnError(e -> tenantSlot.release())
                        .doOnCancel(tenantSlot::release))
                .onErrorResume(BulkheadFullException.class, e -> Mono.just(new Admission(null, null)));
    }

    /** Whether an earlier command of this call still runs detached (a later one must then wait for it). */
    boolean pending(String callId) {
        return tails.containsKey(callId);
    }

    /** Detached commands running or waiting now, all tenants. */
    int inFlight() {
        return globalSlots.metrics().acquiredSize();
    }

    /** Waits (bounded) until the detached work of these partitions has ended, before they are handed over. */
    void awaitPartitions(Collection<TopicPartition> partitions) {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            Set<CompletableFuture<Void>> ofPartition = inFlight.get(partition);
            if (ofPartition != null) {
                pending.addAll(ofPartition);
            }
        }
        await(pending);
    }

    private void await(List<CompletableFuture<Void>> pending) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(drainBound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("{} detached commands still running after {}; handing over anyway (the timeout sweeper settles "
                    + "calls left INITIATED)", pending.stream().filter(f -> !f.isDone()).count(), drainBound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // the futures are only ever completed normally
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** After the listener containers stopped (lower phase), before the database and producer close. */
    @Override
    public void stop() {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        inFlight.values().forEach(pending::addAll);
        await(pending);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200; // spring-kafka containers stop at Integer.MAX_VALUE - 100, before this
    }
}
