package io.ringline.sandbox.evogo;

/** The body of every webhook an Evolution GO instance sends: {@code {event, instanceName, instanceToken, data}}. */
record GoWebhookEnvelope(String event, String instanceName, String instanceToken, Object data) {
}
