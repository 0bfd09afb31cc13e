package io.ringline.bench.scenario;

/** A call ready for an action: its id and the key of the number it is on (the key the action is sent with). */
record PreparedCall(String id, String apiKey) {
}
