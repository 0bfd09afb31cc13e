package io.ringline.sandbox.sim.call;

import io.ringline.sandbox.sim.audio.ToneDetector;

/**
 * What the simulated user's device did with a call's media (META: a WebRTC peer), in
 * {@code GET /sandbox/calls/{id}}: how it was set up, what it sent and what it heard.
 *
 * @param kind       {@code webrtc} (a real peer) or {@code synthetic} (an SDP nothing listens on)
 * @param state      the peer's connection state ({@code new}, {@code connecting}, {@code connected}, {@code failed},
 *                   {@code closed}); null for synthetic
 * @param detail     why the SDP is synthetic, or why the peer failed; null otherwise
 * @param toneSentHz the tone the user "says" once the call is answered
 * @param received   the tone analysis of the decoded audio the peer received
 */
public record MediaView(String kind, String state, String detail, long packetsReceived, long bytesReceived,
        long packetsSent, long bytesSent, Integer toneSentHz, ToneDetector.View received) {

    public static MediaView synthetic(String why) {
        return new MediaView("synthetic", null, why, 0, 0, 0, 0, null, ToneDetector.View.NONE);
    }
}
