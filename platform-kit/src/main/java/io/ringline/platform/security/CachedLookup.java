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
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>With a bulk loader, hits in use are read again <em>before</em> they expire, all together: at most once per
 * quarter of the hit TTL, a lookup looks for hits past half of it, and if there are, starts one revalidation of
 * every hit older than a quarter of it and used in the last {@link #IDLE_AFTER} (see {@link #revalidate}), in reads
 * of up to {@link #BULK_READ_KEYS} keys each, while lookups go on answering from memory. A principal changed in
 * storage is replaced, one gone is dropped; a failed revalidation changes nothing (its hits expire when due). So a
 * busy instance reads its cache's principals once per half TTL per few hundred keys instead of once per key, and no
 * request of a key in steady use waits for storage (issue 8: with one read per key per TTL, the gateway's three
 * caches cost 1.45 database reads per call at 50 calls/s on 200 numbers, in the request's path). The staleness
 * bound is unchanged: nothing is answered from a read older than {@code hitTtl}.
 */
public final class CachedLookup<P> {

    /** Keys per bulk read: one statement's array parameter, far below PostgreSQL's limits, a few ms to answer. */
    static final int BULK_READ_KEYS = 500;

    /**
     * A hit nobody used for this long is no longer read again, and expires. Not "used since its last read": a key
     * used every few TTLs (a number called every 8 s, as in the benchmark's 200 numbers at 25 calls/s) would then
     * drop out of every bulk read and be read alone at its next use; carried along, it costs one more array element.
     */
    static final Duration IDLE_AFTER = Duration.ofMinutes(1);

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
    private final AtomicLong nextCheckAt;
    private final Counter reads;
    private final Counter bulkReads;
    private final Counter revalidated;

    /** A principal, when the read that found it began and when a lookup last used it (the ticker's nanos). */
    private static final class Hit<P> {
        final P principal;
        final long readAt;
        volatile long usedAt;

        Hit(P principal, long readAt, long usedAt) {
            this.principal = principal;
            this.readAt = readAt;
            this.usedAt = usedAt;
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
        this.nextCheckAt = new AtomicLong(ticker.read());
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
        maybeRevalidate();
        Hit<P> hit = hits.synchronous().getIfPresent(key);
        return hit == null ? Optional.empty() : Optional.of(served(hit));
    }

    /** The principal, from memory or storage; empty when unknown (and then remembered as unknown). */
    public Mono<P> resolve(String key) {
        if (hits != null) {
            maybeRevalidate();
        }
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
        hit.usedAt = ticker.read();
        return hit.principal;
    }

    /**
     * Looks for hits due at most once per quarter TTL, from whichever lookup comes first: not only from a lookup of a
     * due hit, since keys each used less often than the TTL (while the cache as a whole is busy) are never found
     * due by their own lookups — they have expired by then.
     */
    private void maybeRevalidate() {
        if (bulkLoader == null) {
            return;
        }
        long now = ticker.read();
        long next = nextCheckAt.get();
        if (now - next >= 0 && !revalidating.get() && nextCheckAt.compareAndSet(next, now + readAlongAfterNanos)
                && revalidating.compareAndSet(false, true)) {
            revalidate(now);
        }
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
            return load(key).map(principal -> new Hit<>(principal, readAt, readAt));
        });
    }

    /**
     * Reads every hit used in the last {@link #IDLE_AFTER} and older than a quarter of the TTL again, a bulk read at a
     * time, and applies what each read found. A quarter, not the half that starts it: hits first read at scattered
     * times would otherwise come due one by one, each starting a bulk read of its own; this way a read takes along
     * those soon due, the hits in use fall into step within two reads, and the next read is at least a quarter TTL
     * away.
     */
    private void revalidate(long now) {
        List<String> due = new ArrayList<>();
        boolean halfway = false;
        for (var entry : hits.asMap().entrySet()) {
            Hit<P> hit = completed(entry.getValue());
            if (hit != null && now - hit.usedAt < IDLE_AFTER.toNanos() && now - hit.readAt > readAlongAfterNanos) {
                due.add(entry.getKey());
                halfway |= now - hit.readAt >= revalidateAfterNanos;
            }
        }
        if (!halfway) {
            revalidating.set(false); // none past half its TTL: the next check, a quarter TTL away, is in time
            return;
        }
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
                return principal == null ? null
                        : CompletableFuture.completedFuture(new Hit<>(principal, readAt, current.usedAt));
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
