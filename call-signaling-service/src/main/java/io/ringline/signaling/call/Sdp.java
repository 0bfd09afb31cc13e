package io.ringline.signaling.call;

/** A call's WebRTC session descriptions: the offer it started with and the answer once one is known (each may be absent). */
public record Sdp(String offer, String answer) {

    public static Sdp offered(String offer) {
        return new Sdp(offer, null);
    }
}
