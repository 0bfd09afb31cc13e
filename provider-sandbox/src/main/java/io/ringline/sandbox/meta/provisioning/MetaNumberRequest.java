package io.ringline.sandbox.meta.provisioning;

/**
 * {@code PUT /sandbox/meta/numbers/{phoneNumberId}}. {@code wabaId} defaults to {@code waba-<phoneNumberId>};
 * {@code messagingLimit} (messages per day, default 100000) below 2,000 makes enabling calling fail with 138015.
 */
record MetaNumberRequest(String phone, String accessToken, String appSecret, String webhookUrl, String wabaId,
        Integer messagingLimit) {
}
