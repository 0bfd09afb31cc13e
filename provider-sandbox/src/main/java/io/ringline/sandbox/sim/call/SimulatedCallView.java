package io.ringline.sandbox.sim.call;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;

/**
 * What a provider saw of one call ({@code GET /sandbox/calls/{externalCallId}}). The JSON is flat (the parts are
 * unwrapped); each provider fills its own side and shows the other's {@code NONE}, whose fields read null.
 */
public record SimulatedCallView(
        String externalCallId,
        SimulatedProvider provider,
        CallDirection direction,
        CallPhase state,
        String endReason,
        @JsonUnwrapped Parties parties,
        @JsonUnwrapped Times times,
        @JsonUnwrapped Journal journal,
        @JsonUnwrapped MetaSide meta,
        @JsonUnwrapped GoSide go) {

    /**
     * Who: {@code account} is the GO instance name or the Meta phone-number id; {@code peer} and {@code business}
     * are phone digits.
     */
    public record Parties(String account, String peer, String business) {
    }

    /** When; {@code answeredAt} and {@code endedAt} are null until then. */
    public record Times(Instant startedAt, Instant answeredAt, Instant endedAt, long durationSeconds) {
    }

    /** What happened, in order: the API actions taken on the call, audio played, webhooks sent. */
    public record Journal(List<ActionEntry> actions, List<AudioEntry> audio, List<WebhookEntry> webhooks) {
    }

    /** Meta's side: the callback data, the SDP exchanged and what the simulated user's WebRTC phone sent and heard. */
    public record MetaSide(String bizOpaqueCallbackData, String sdpOffer, String sdpAnswer, MediaView media) {

        /** A GO call has no WebRTC side. */
        public static final MetaSide NONE = new MetaSide(null, null, null, null);
    }

    /** Evolution GO's side: the realtime audio WebSockets (GO's user speaks on them). */
    public record GoSide(RealtimeView realtime) {

        /** A Meta call has no realtime WebSockets. */
        public static final GoSide NONE = new GoSide(null);
    }
}
