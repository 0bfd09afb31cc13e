package io.ringline.platform.net;

/** A {@link KeyedBulkhead} refused work: the key had as much running and waiting as it may. */
public class BulkheadFullException extends RuntimeException {

    private final String key;

    public BulkheadFullException(String key) {
        super("too much outbound work in progress for " + key, null, false, false);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
