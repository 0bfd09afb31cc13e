package io.ringline.platform.security;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Principals by secret hash in front of a storage read: hits are remembered for {@code hitTtl} (zero: not at
 * all) and misses for {@code missTtl}, so a flood repeating a wrong secret costs one read per miss TTL, and a
 * secret issued after its miss was remembered works at the latest {@code missTtl} later. Concurrent loads of one
 * key share one read. Reads are counted as {@code ringline.security.credential.reads}.
 */
public final class CachedLookup<P> {

    private final AsyncCache<String, P> hits;
    private final Cache<String, Boolean> misses;
    private final Function<String, Mono<P>> loader;
    private final Counter reads;

    public CachedLookup(String credential, Duration hitTtl, Duration missTtl, long maxEntries,
            Function<String, Mono<P>> loader, MeterRegistry meters) {
        this(credential, hitTtl, missTtl, maxEntries, loader, meters, Ticker.systemTicker());
    }

    CachedLookup(String credential, Duration hitTtl, Duration missTtl, long maxEntries,
            Function<String, Mono<P>> loader, MeterRegistry meters, Ticker ticker) {
        this.hits = hitTtl.isZero() ? null : Caffeine.newBuilder().expireAfterWrite(hitTtl).maximumSize(maxEntries)
                .ticker(ticker).buildAsync();
        this.misses = Caffeine.newBuilder().expireAfterWrite(missTtl).maximumSize(maxEntries).ticker(ticker).build();
        this.loader = loader;
        this.reads = meters.counter("ringline.security.credential.reads", "credential", credential);
    }

    /** The principal if a recent read found it; never reads. */
    public Optional<P> remembered(String key) {
        return hits == null ? Optional.empty() : Optional.ofNullable(hits.synchronous().getIfPresent(key));
    }

    /** The principal, from memory or storage; empty when unknown (and then remembered as unknown). */
    public Mono<P> resolve(String key) {
        if (misses.getIfPresent(key) != null) {
            return Mono.empty();
        }
        Mono<P> found = hits == null ? load(key)
                : Mono.fromFuture(() -> hits.get(key, (k, executor) -> load(k).toFuture()), true);
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

    private Mono<P> load(String key) {
        return Mono.defer(() -> {
            reads.increment();
            return loader.apply(key);
        });
    }
}
