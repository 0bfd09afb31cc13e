package io.ringline.fanout.delivery.dispatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attempts running per key in this instance — per subscription, and per destination host — bounded so one slow
 * endpoint, or many subscriptions pointing at one host, cannot take every slot.
 */
final class EndpointSlots {

    private final int perEndpoint;
    private final ConcurrentHashMap<String, Integer> inUse = new ConcurrentHashMap<>();

    EndpointSlots(int perEndpoint) {
        this.perEndpoint = perEndpoint;
    }

    /** Attempts a key may have running at once. */
    int perEndpoint() {
        return perEndpoint;
    }

    boolean tryAcquire(String key) {
        boolean[] acquired = {false};
        inUse.compute(key, (id, used) -> {
            int current = used == null ? 0 : used;
            if (current >= perEndpoint) {
                return used;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    /** Frees one of {@code key}'s slots; true when all of them were taken (so a claim may have left its work behind). */
    boolean release(String key) {
        boolean[] wasFull = {false};
        inUse.computeIfPresent(key, (id, used) -> {
            wasFull[0] = used >= perEndpoint;
            return used <= 1 ? null : used - 1;
        });
        return wasFull[0];
    }

    /** Attempts running now for {@code key}. */
    int inUse(String key) {
        return inUse.getOrDefault(key, 0);
    }

    /** Free slots of the keys that have attempts running; absent ones have all slots free. */
    Map<String, Integer> busyFree() {
        Map<String, Integer> free = new java.util.HashMap<>();
        inUse.forEach((id, used) -> free.put(id, Math.max(0, perEndpoint - used)));
        return free;
    }
}
