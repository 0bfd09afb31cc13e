package io.ringline.fanout.subscription;

import java.time.Instant;
import reactor.core.publisher.Mono;

/** What a disabled subscription needs from the deliveries it still has queued (implemented by delivery persistence). */
public interface PendingDeliveries {

    /** Cancels every not-yet-delivered delivery of the subscription; emits how many. */
    Mono<Long> cancelAll(String subscriptionId, String reason, Instant now);
}
