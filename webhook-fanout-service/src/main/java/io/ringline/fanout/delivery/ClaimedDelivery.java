package io.ringline.fanout.delivery;

import io.ringline.fanout.subscription.SigningSecrets;

/**
 * A delivery this instance holds the lease on, with what it needs to send it.
 *
 * @param secrets    the subscription's signing secrets, still sealed; opened only to sign
 * @param leaseToken proof of the lease: completing without it changes nothing
 * @param host       the destination host as the claim counted it (lower-cased host of {@code url}), for the
 *                   per-host in-flight bound
 */
public record ClaimedDelivery(Delivery.Snapshot delivery, String url, SigningSecrets secrets, String leaseToken,
        String host) {

    @Override
    public String toString() {
        return "ClaimedDelivery[" + delivery.id() + " of " + delivery.subscriptionId() + "]";
    }
}
