package io.ringline.sandbox.evogo.provisioning;

/** {@code PUT /sandbox/evogo/instances/{name}}: {@code connected} defaults to true. */
record GoInstanceRequest(String token, String phone, String webhookUrl, Boolean connected) {
}
