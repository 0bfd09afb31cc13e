package io.ringline.signaling.call;

import java.util.Objects;

/**
 * The WhatsApp user on the other end of a call.
 *
 * @param number E.164, always known (the business dialled it, or the offer named it)
 * @param ref    the provider's own handle for the user (GO: the CallCreator JID), if it gave one
 */
public record Peer(String number, String ref) {

    public Peer {
        Objects.requireNonNull(number, "peer number");
    }

    /** A peer known by number only. */
    public static Peer of(String number) {
        return new Peer(number, null);
    }
}
