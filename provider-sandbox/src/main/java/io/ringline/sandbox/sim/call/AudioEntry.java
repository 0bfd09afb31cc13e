package io.ringline.sandbox.sim.call;

import java.time.Instant;

/** Audio the provider was asked to play into a call. */
record AudioEntry(String contentType, long bytes, Instant at) {
}
