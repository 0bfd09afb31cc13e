package io.ringline.fanout.delivery.dispatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Attempts running per subscription in this instance, bounded so one slow endpoint cannot take every slot. */
final class EndpointSlots {

    private final int perEndpoint;
    private final ConcurrentHashMap<String, Integer> inUse = new ConcurrentHashMap<>();

    EndpointSlots(int perEndpoint) {
        this.perEndpoint = perEndpoint;
    }

    int perEndpoint() {
        return perEndpoint;
    }

    boolean tryAcquire(String subscriptionId) {
        boolean[] acquired = {false};
        inUse.compute(subscriptionId, (id, used) -> {
            int current = used == null ? 0 : used;
            if (current >= perEndpoint) {
                return used;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    void release(String subscriptionId) {
        inUse.computeIfPresent(subscriptionId, (id, used) -> used <= 1 ? null : used - 1);
    }

    /** Free slots of the subscriptions that have attempts running; absent ones have all slots free. */
    Map<String, Integer> busyFree() {
        Map<String, Integer> free = new java.util.HashMap<>();
        inUse.forEach((id, used) -> free.put(id, Math.max(0, perEndpoint - used)));
        return free;
    }
}
