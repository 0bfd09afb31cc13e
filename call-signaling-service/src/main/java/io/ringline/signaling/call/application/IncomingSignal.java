package io.ringline.signaling.call.application;

import io.ringline.signaling.number.NumberAccount;
import java.time.Instant;

/** One provider webhook item as the gateway forwarded it; {@code signalId} is the same for provider duplicates. */
public record IncomingSignal(String signalId, NumberAccount number, String kind, String payloadJson,
        Instant receivedAt) {
}
