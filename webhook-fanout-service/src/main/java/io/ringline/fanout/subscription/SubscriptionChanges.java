package io.ringline.fanout.subscription;

import java.util.List;

/** A validated PATCH: null components stay unchanged; {@code events} replaces the whole list. */
public record SubscriptionChanges(String name, String url, EventSelection events, Boolean active,
        List<String> numberIds) {
    public SubscriptionChanges {
        numberIds = numberIds == null ? null : List.copyOf(numberIds);
    }
}
