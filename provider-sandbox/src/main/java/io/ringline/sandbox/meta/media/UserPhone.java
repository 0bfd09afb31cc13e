package io.ringline.sandbox.meta.media;

import java.util.concurrent.CompletableFuture;

import io.ringline.sandbox.sim.call.MediaView;

/** The simulated WhatsApp user's device on one META call: the media end of the call, as Meta's side shows it. */
public interface UserPhone {

    /**
     * Meta's SDP for the call: the answer to the business's offer (business-initiated) or Meta's offer
     * (user-initiated), candidates gathered. Never fails: a phone that cannot do real media falls back to a
     * synthetic SDP, and {@link #view()} says why.
     */
    CompletableFuture<String> description();

    /** The business's answer to a user-initiated call (from pre_accept or accept); later ones are ignored. */
    void businessAnswered(String sdp);

    /** The call is answered: the user starts talking (sending its tone). */
    void talk();

    /** The call ended: media stops and native resources are released; {@link #view()} keeps the final figures. */
    void hangUp();

    MediaView view();
}
