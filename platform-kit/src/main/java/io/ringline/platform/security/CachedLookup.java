package io.ringline.platform.security;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Principals by secret hash in front of a storage read: hits are remembered for {@code hitTtl} (zero: not at
 * all) from the moment their read began, and misses for {@code missTtl}, so a flood repeating a wrong secret costs
 * one read per miss TTL, and a secret issued after its miss was remembered works at the latest {@code missTtl}
 * later. Concurrent loads of one key share one read. Reads of one key (the ones a lookup may wait for) are counted as
 * {@code ringline.security.credential.reads}, bulk reads as {@code ringline.security.credential.bulk-reads} and the
 * keys they read as {@code ringline.security.credential.revalidated}.
 *
 * <p>With a bulk loader, hits in use are read again <em>before</em> they expire, all together: the first lookup of
 * a hit older than half the hit TTL starts one revalidation of every hit older than a quarter of it and used since
 * its read (see {@link #revalidate}), in reads of up to {@link #BULK_READ_KEYS} keys each, while lookups go on
 * answering from memory. A principal changed in
 * storage is replaced, one gone is dropped; a failed revalidation changes nothing (its hits expire when due). So a
 * busy instance reads its cache's principals once per half TTL per few hundred keys instead of once per key, and no
 * request of a key in steady use waits for storage (issue 8: with one read per key per TTL, the gateway's three
 * caches cost 1.45 database reads per call at 50 calls/s on 200 numbers, in the request's path). The staleness
 * bound is unchanged: nothing is answered from a read older than {@code hitTtl}.
 */
public final class CachedLookup<P> {

    /** Keys per bulk read: one statement's array parameter, far below PostgreSQL's limits, a few ms to answer. */
    static final int BULK_READ_KEYS = 500;

    private static final Logger log = LoggerFactory.getLogger(CachedLookup.class);

    private final String credential;
    private final AsyncCache<String, Hit<P>> hits;
    private final Cache<String, Boolean> misses;
    private final Function<String, Mono<P>> loader;
    private final Function<List<String>, Mono<Map<String, P>>> bulkLoader;
    private final Ticker ticker;
    private final long hitTtlNanos;
    private final long revalidateAfterNanos;
    private final long readAlongAfterNanos;
    private final AtomicBoolean revalidating = new AtomicBoolean();
    private final Counter reads;
    private final Counter bulkReads;
    private final Counter revalidated;

    /** A principal and when the read that found it began (the ticker's nanos); {@code used} since that read. */
    private static final class Hit<P> {
        final P principal;
        final long readAt;
        volatile boolean used;

        Hit(P principal, long readAt) {
            this.principal = principal;
            this.readAt = readAt;
        }
    }

    public CachedLookup(String credential, Duration hitTtl, Duration missTtl, long maxEntries,
            Function<String, Mono<P>> loader, MeterRegistry meters) {
        this(credential, hitTtl, missTtl, maxEntries, loader, null, meters, Ticker.systemTicker());
    }

    /**
     * @param bulkLoader the principals of the keys it is given that still resolve (a key absent from the map no
     *                   longer does), read together
     */
    public CachedLookup(String credential, Duration hitTtl, Duration missTtl, long maxEntries,
            Function<String, Mono<P>> loader, Function<List<String>, Mono<Map<String, P>>> bulkLoader,
            MeterRegistry meters) {
        this(credential, hitTtl, missTtl, maxEntries, loader, bulkLoader, meters, Ticker.systemTicker());
    }

    CachedLookup(String credential, Duration hitTtl, Duration missTtl, long maxEntries,
            Function<String, Mono<P>> loader, Function<List<String>, Mono<Map<String, P>>> bulkLoader,
            MeterRegistry meters, Ticker ticker) {
        this.credential = credential;
        this.hitTtlNanos = hitTtl.toNanos();
        this.revalidateAfterNanos = hitTtlNanos / 2;
        this.readAlongAfterNanos = hitTtlNanos / 4;
        this.ticker = ticker;
        this.hits = hitTtl.isZero() ? null : Caffeine.newBuilder().expireAfter(new FromRead<P>(hitTtlNanos))
                .maximumSize(maxEntries).ticker(ticker).buildAsync();
        this.misses = Caffeine.newBuilder().expireAfterWrite(missTtl).maximumSize(maxEntries).ticker(ticker).build();
        this.loader = loader;
        this.bulkLoader = bulkLoader;
        this.reads = meters.counter("ringline.security.credential.reads", "credential", credential);
        this.bulkReads = meters.counter("ringline.security.credential.bulk-reads", "credential", credential);
        this.revalidated = meters.counter("ringline.security.credential.revalidated", "credential", credential);
    }

    /** The principal if a recent read found it; never waits for storage. */
    public Optional<P> remembered(String key) {
        if (hits == null) {
            return Optional.empty();
        }
        Hit<P> hit = hits.synchronous().getIfPresent(key);
        return hit == null ? Optional.empty() : Optional.of(served(hit));
    }

    /** The principal, from memory or storage; empty when unknown (and then remembered as unknown). */
    public Mono<P> resolve(String key) {
        if (misses.getIfPresent(key) != null) {
            return Mono.empty();
        }
        Mono<P> found = hits == null ? load(key)
                : Mono.fromFuture(() -> hits.get(key, (k, executor) -> loadHit(k).toFuture()), true).map(this::served);
        return found.switchIfEmpty(Mono.fromRunnable(() -> misses.put(key, Boolean.TRUE)));
    }

    /** Forgets a key at once, e.g. because it was revoked on this instance. */
    public void forget(String key) {
        if (hits != null) {
            hits.synchronous().invalidate(key);
        }
        misses.invalidate(key);
    }

    /** Forgets every key at once, e.g. because something they were resolved from changed on this instance. */
    public void forgetAll() {
        if (hits != null) {
            hits.synchronous().invalidateAll();
        }
        misses.invalidateAll();
    }

    private P served(Hit<P> hit) {
        hit.used = true;
        if (bulkLoader != null && ticker.read() - hit.readAt > revalidateAfterNanos
                && revalidating.compareAndSet(false, true)) {
            revalidate();
        }
        return hit.principal;
    }

    private Mono<P> load(String key) {
        return Mono.defer(() -> {
            reads.increment();
            return loader.apply(key);
        });
    }

    private Mono<Hit<P>> loadHit(String key) {
        return Mono.defer(() -> {
            long readAt = ticker.read();
            return load(key).map(principal -> new Hit<>(principal, readAt));
        });
    }

    /**
     * Reads every hit used since its read and older than a quarter of the TTL again, a bulk read at a time, and
     * applies what each read found. A quarter, not the half that starts it: hits first read at scattered times
     * would otherwise come due one by one, each starting a bulk read of its own; this way a read takes along those
     * soon due, the hits in use fall into step within two reads, and the next read is at least a quarter TTL away.
     */
    private void revalidate() {
        long now = ticker.read();
        List<String> due = new ArrayList<>();
        hits.asMap().forEach((key, future) -> {
            Hit<P> hit = completed(future);
            if (hit != null && hit.used && now - hit.readAt > readAlongAfterNanos) {
                due.add(key);
            }
        });
        Flux.fromIterable(due)
                .buffer(BULK_READ_KEYS)
                .concatMap(keys -> {
                    long readAt = ticker.read();
                    bulkReads.increment();
                    return Mono.defer(() -> bulkLoader.apply(keys)).doOnNext(found -> apply(keys, found, readAt));
                })
                .timeout(Duration.ofNanos(hitTtlNanos))
                .doFinally(signal -> revalidating.set(false))
                .subscribe(found -> { }, error -> log.warn("Revalidating {} lookups failed; they expire when due: {}",
                        credential, error.toString()));
    }

    /**
     * Replaces or drops only entries still there and read before this bulk read began: a key forgotten while it ran
     * (revoked or changed on this instance) is either gone — and stays gone — or was read again since, and that
     * newer read wins; what the bulk read found may predate the forget.
     */
    private void apply(List<String> keys, Map<String, P> found, long readAt) {
        // The futures' own map: its synchronous view's compute would wait for a load in flight.
        var entries = hits.asMap();
        for (String key : keys) {
            P principal = found.get(key);
            entries.computeIfPresent(key, (k, future) -> {
                Hit<P> current = completed(future);
                if (current == null || current.readAt >= readAt) {
                    return future; // a load in flight or done since began after this read: it is the fresher
                }
                return principal == null ? null : CompletableFuture.completedFuture(new Hit<>(principal, readAt));
            });
        }
        revalidated.increment(keys.size());
    }

    private static <P> Hit<P> completed(CompletableFuture<Hit<P>> future) {
        return future.isDone() && !future.isCompletedExceptionally() ? future.getNow(null) : null;
    }

    /** A hit expires {@code hitTtl} after its read began, however long the read took. */
    private record FromRead<P>(long ttlNanos) implements Expiry<String, Hit<P>> {

        @Override
        public long expireAfterCreate(String key, Hit<P> hit, long currentTime) {
            return Math.max(0, ttlNanos - (currentTime - hit.readAt));
        }

        @Override
        public long expireAfterUpdate(String key, Hit<P> hit, long currentTime, long currentDuration) {
            return expireAfterCreate(key, hit, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Hit<P> hit, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
