package io.ringline.sandbox.meta.permission;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** Timestamps of uses of one limited action, pruned beyond the longest window any limit looks at. */
final class UsageLog {

    private static final Duration KEEP = Duration.ofDays(7);

    private final Deque<Instant> uses = new ArrayDeque<>();

    synchronized void add(Instant at) {
        uses.addLast(at);
        while (!uses.isEmpty() && uses.peekFirst().isBefore(at.minus(KEEP))) {
            uses.pollFirst();
        }
    }

    synchronized int countSince(Instant since) {
        return (int) uses.stream().filter(use -> !use.isBefore(since)).count();
    }

    synchronized Instant oldestSince(Instant since) {
        return uses.stream().filter(use -> !use.isBefore(since)).findFirst().orElse(since);
    }
}
