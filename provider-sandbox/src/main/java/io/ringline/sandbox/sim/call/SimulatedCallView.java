package io.ringline.sandbox.sim.call;

import java.time.Instant;
import java.util.List;

/**
 * What a provider saw of one call ({@code GET /sandbox/calls/{externalCallId}}). {@code account} is the GO instance
 * name or the Meta phone-number id; {@code peer} and {@code business} are phone digits. {@code realtime} is the GO
 * realtime audio WebSockets (null for Meta, which has none); {@code media} is what the simulated user's WebRTC
 * phone sent and heard (Meta; null for GO, whose user speaks on the realtime WebSockets).
 */
public record SimulatedCallView(
        String externalCallId,
        SimulatedProvider provider,
        String account,
        CallDirection direction,
        CallPhase state,
        String endReason,
        String peer,
        String business,
        Instant startedAt,
        Instant answeredAt,
        Instant endedAt,
        long durationSeconds,
        String bizOpaqueCallbackData,
        List<ActionEntry> actions,
        String sdpOffer,
        String sdpAnswer,
        List<AudioEntry> audio,
        RealtimeView realtime,
        MediaView media,
        List<WebhookEntry> webhooks) {
}
