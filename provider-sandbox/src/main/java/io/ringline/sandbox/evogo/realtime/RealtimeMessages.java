package io.ringline.sandbox.evogo.realtime;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The JSON text frames of the realtime protocol (SPEC §6.3). */
final class RealtimeMessages {

    private RealtimeMessages() {
    }

    /** Server → client, first frame of every session. {@code callId} is GO's CallID. */
    @JsonPropertyOrder({"type", "callId", "sampleRate", "channels", "mode"})
    record Start(String type, String callId, int sampleRate, int channels, String mode) {
        Start(String callId, RealtimeMode mode) {
            this("start", callId, SineTone.SAMPLE_RATE, 1, mode.wireName());
        }
    }

    /** Server → client, last frame before the close (1000). */
    @JsonPropertyOrder({"type", "reason"})
    record Stop(String type, String reason) {
        static final Stop CALL_ENDED = new Stop("stop", "call ended");
    }
}
