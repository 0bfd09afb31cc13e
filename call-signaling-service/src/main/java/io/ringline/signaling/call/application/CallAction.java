package io.ringline.signaling.call.application;

/** What a command asks to be done with a call. */
public sealed interface CallAction {

    /** Start a business-initiated call to {@code to} (E.164); {@code sdp} is the offer on META. */
    record Place(String to, String sdp, String bizOpaqueCallbackData) implements CallAction {
    }

    /** META: send the SDP answer early, before accepting. */
    record PreAccept(String sdp) implements CallAction {
    }

    /** Answer an inbound call ({@code sdp} on META). */
    record Accept(String sdp) implements CallAction {
    }

    record Reject() implements CallAction {
    }

    record Terminate() implements CallAction {
    }
}
