package io.ringline.sandbox.sim.call;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/** One request the provider received for a call; {@code error} is what it answered when it refused it. */
record ActionEntry(String action, Instant at, JsonNode body, String error) {
}
