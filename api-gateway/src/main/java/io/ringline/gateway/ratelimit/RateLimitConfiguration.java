package io.ringline.gateway.ratelimit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rate limiter's clock-driven parts, on the system's monotonic clock. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    LocalFallback rateLimitLocalFallback() {
        return new LocalFallback(LocalBuckets.systemNanoTime());
    }

    @Bean
    LeasedBuckets leasedBuckets(SharedBuckets shared, LocalFallback fallback, RateLimitProperties props,
            RateLimitMetrics metrics) {
        return new LeasedBuckets(shared, fallback, props.lease(), System::nanoTime, metrics);
    }
}
