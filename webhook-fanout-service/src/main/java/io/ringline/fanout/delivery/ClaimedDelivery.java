package io.ringline.fanout.delivery;

/**
 * A delivery this instance holds the lease on, with what it needs to send it.
 *
 * @param encryptedSecret the subscription's signing secret, still sealed; opened only to sign
 * @param leaseToken      proof of the lease: completing without it changes nothing
 */
public record ClaimedDelivery(Delivery.Snapshot delivery, String url, String encryptedSecret, String leaseToken) {

    @Override
    public String toString() {
        return "ClaimedDelivery[" + delivery.id() + " of " + delivery.subscriptionId() + "]";
    }
}
