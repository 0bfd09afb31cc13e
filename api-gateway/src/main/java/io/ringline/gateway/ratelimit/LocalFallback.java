package io.ringline.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * The tenant and key buckets kept by this instance alone (Bucket4j), used only while the shared buckets cannot
 * be reached: requests are still limited, but each instance allows the full rate, so N instances allow up to
 * N times the limit until the database answers again.
 */
class LocalFallback {

    private record Key(String bucketKey, BucketLimit limit) {
    }

    private final TimeMeter time;
    private final Cache<Key, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(5))
            .maximumSize(100_000)
            .build();

    LocalFallback(TimeMeter time) {
        this.time = time;
    }

    Decision take(String bucketKey, BucketLimit limit) {
        ConsumptionProbe probe = bucket(bucketKey, limit).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed()
                ? Decision.allowed(limit, probe.getRemainingTokens())
                : Decision.refused(limit, probe.getNanosToWaitForRefill());
    }

    void giveBack(String bucketKey, BucketLimit limit) {
        Bucket bucket = buckets.getIfPresent(new Key(bucketKey, limit));
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    private Bucket bucket(String bucketKey, BucketLimit limit) {
        return buckets.get(new Key(bucketKey, limit), key -> LocalBuckets.of(limit, time));
    }
}
