package io.ringline.fanout.replay.web;

/** {@code POST …/replay} body: ISO-8601 instants, parsed by the controller so errors name the field. */
record ReplayRequest(String since, String until, String event) {
}
