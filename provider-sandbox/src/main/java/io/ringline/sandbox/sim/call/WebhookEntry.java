package io.ringline.sandbox.sim.call;

import java.time.Instant;

/**
 * One webhook delivery attempt for a call. {@code status} is the receiver's HTTP status, null when no answer came
 * (then {@code error} says why).
 */
public record WebhookEntry(String event, Instant at, Integer status, String error, int attempt) {
}
