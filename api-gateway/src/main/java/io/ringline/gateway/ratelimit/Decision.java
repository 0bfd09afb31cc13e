package io.ringline.gateway.ratelimit;

/**
 * One bucket's answer to one request.
 *
 * @param remaining       tokens this request could still count on (an estimate across instances)
 * @param retryAfterNanos when refused: how long until this instance lets the next request of the bucket through
 */
record Decision(boolean allowed, BucketLimit limit, long remaining, long retryAfterNanos) {

    static Decision allowed(BucketLimit limit, long remaining) {
        return new Decision(true, limit, remaining, 0);
    }

    static Decision refused(BucketLimit limit, long retryAfterNanos) {
        return new Decision(false, limit, 0, Math.max(1, retryAfterNanos));
    }
}
