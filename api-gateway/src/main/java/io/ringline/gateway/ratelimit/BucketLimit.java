package io.ringline.gateway.ratelimit;

/** One token bucket's shape: refilled at {@code perSecond}, holding at most {@code burst} tokens. */
record BucketLimit(double perSecond, int burst) {

    BucketLimit {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a bucket needs perSecond > 0 and burst >= 1");
        }
    }

    /** Seconds until {@code tokens} have grown to {@code wanted}. */
    double secondsUntil(double tokens, double wanted) {
        return Math.max(0, (wanted - tokens) / perSecond);
    }
}
