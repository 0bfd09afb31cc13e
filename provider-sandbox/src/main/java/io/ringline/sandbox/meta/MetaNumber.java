package io.ringline.sandbox.meta;

import java.net.URI;

/**
 * A provisioned Cloud API phone number: its Graph id, phone digits, the access token callers must present, the app
 * secret that signs webhooks, where webhooks go, its WABA and its daily messaging limit (calling needs >= 2,000).
 */
public record MetaNumber(String phoneNumberId, String phone, String accessToken, String appSecret, URI webhookUrl,
        String wabaId, int messagingLimit) {

    public static final int CALLING_MIN_MESSAGING_LIMIT = 2_000;

    public boolean mayEnableCalling() {
        return messagingLimit >= CALLING_MIN_MESSAGING_LIMIT;
    }
}
