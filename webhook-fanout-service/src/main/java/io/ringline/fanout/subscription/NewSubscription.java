package io.ringline.fanout.subscription;

import java.util.List;

/** A validated request for a new subscription. */
public record NewSubscription(String name, String url, EventSelection events, List<String> numberIds) {
    public NewSubscription {
        numberIds = List.copyOf(numberIds);
    }
}
