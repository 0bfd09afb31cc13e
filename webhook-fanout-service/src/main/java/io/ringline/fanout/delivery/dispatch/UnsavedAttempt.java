package io.ringline.fanout.delivery.dispatch;

import io.ringline.fanout.delivery.DeliveryStatus;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a finished attempt's outcome was not saved (its queue row no longer held the attempt's lease). Told apart after
 * the batch commits, from where the delivery stands then, so that the WARN an operator alerts on means trouble: a
 * tenant deleting a webhook or an endpoint disabled while attempts are out is the product working, not a lost lease.
 */
public enum UnsavedAttempt {
    /** The webhook was deleted while the attempt was out; the delivery and its log went with it. */
    WEBHOOK_DELETED,
    /** The endpoint was disabled meanwhile (410, failing too long, the tenant), which cancelled the delivery. */
    DELIVERY_CANCELLED,
    /** The lease ran out before the outcome was saved: the delivery goes out again, with the same webhook-id. */
    LEASE_LOST,
    /** Where the delivery stands could not be read after the commit: any of the above. */
    UNKNOWN;

    /** From the delivery's status as read after the commit; empty when it no longer exists. */
    static UnsavedAttempt of(Optional<DeliveryStatus> now) {
        if (now.isEmpty()) {
            return WEBHOOK_DELETED;
        }
        return now.get() == DeliveryStatus.CANCELLED ? DELIVERY_CANCELLED : LEASE_LOST;
    }

    /** The metric's tag value. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
