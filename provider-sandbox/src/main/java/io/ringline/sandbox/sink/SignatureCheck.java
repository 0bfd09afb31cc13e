package io.ringline.sandbox.sink;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a recorded delivery's Standard Webhooks signature the way a receiver would (headers present, timestamp
 * within 5 minutes, one {@code v1} signature made with the secret over {@code id.timestamp.body}), but explains
 * the outcome. The timestamp is judged against when the sink received the delivery, not against now, so a delivery
 * checked an hour later is judged as its receiver saw it. The signature itself is computed by the Standard Webhooks
 * reference library; only the explanation is ours (the library answers with a bare exception).
 */
final class SignatureCheck {

    /** The Standard Webhooks libraries' tolerance. */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final List<String> HEADERS = List.of("webhook-id", "webhook-timestamp", "webhook-signature");

    private final Webhook webhook;

    /** @throws IllegalArgumentException when the secret is not a {@code whsec_} base64 secret */
    SignatureCheck(String secret) {
        if (secret == null || !secret.startsWith(Webhook.SECRET_PREFIX)) {
            throw new IllegalArgumentException("secret must be the webhook's whsec_… signing secret");
        }
        try {
            this.webhook = new Webhook(secret);
        } catch (RuntimeException | com.standardwebhooks.exceptions.EmptyWebhookSecretException e) {
            throw new IllegalArgumentException("secret must be whsec_ followed by base64");
        }
    }

    SignatureVerdict check(RecordedDelivery delivery) {
        List<String> missing = new ArrayList<>();
        for (String header : HEADERS) {
            String value = delivery.headers().get(header);
            if (value == null || value.isBlank()) {
                missing.add(header);
            }
        }
        if (!missing.isEmpty()) {
            return SignatureVerdict.invalid("missing headers: " + String.join(", ", missing));
        }
        String id = delivery.headers().get("webhook-id");
        long timestamp;
        try {
            timestamp = Long.parseLong(delivery.headers().get("webhook-timestamp").strip());
        } catch (NumberFormatException e) {
            return SignatureVerdict.invalid("webhook-timestamp is not a number of seconds");
        }
        long skew = delivery.receivedAt().getEpochSecond() - timestamp;
        if (skew > TOLERANCE.toSeconds()) {
            return SignatureVerdict.invalid("stale timestamp: signed " + skew + " s before the sink received it"
                    + " (receivers accept " + TOLERANCE.toSeconds() + " s)");
        }
        if (-skew > TOLERANCE.toSeconds()) {
            return SignatureVerdict.invalid("timestamp " + (-skew) + " s in the future of when the sink received it"
                    + " (receivers accept " + TOLERANCE.toSeconds() + " s)");
        }
        byte[] expected = expected(id, timestamp, delivery.body());
        String[] offered = delivery.headers().get("webhook-signature").strip().split(" +");
        int v1 = 0;
        for (int i = 0; i < offered.length; i++) {
            String[] parts = offered[i].split(",", 2);
            if (parts.length == 2 && parts[0].equals("v1")) {
                v1++;
                if (MessageDigest.isEqual(expected, parts[1].getBytes(StandardCharsets.UTF_8))) {
                    return SignatureVerdict.valid("signature " + (i + 1) + " of " + offered.length
                            + " matches this secret; timestamp " + skew + " s before receipt");
                }
            }
        }
        return SignatureVerdict.invalid(v1 == 0 ? "no v1 signature in webhook-signature"
                : "no matching signature: none of the " + v1 + " v1 signature(s) was made with this secret over"
                        + " webhook-id.webhook-timestamp.body (wrong secret, or the body was changed)");
    }

    private byte[] expected(String id, long timestamp, String body) {
        try {
            String signature = webhook.sign(id, timestamp, body);
            return signature.substring(signature.indexOf(',') + 1).getBytes(StandardCharsets.UTF_8);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("cannot compute HMAC-SHA256", e);
        }
    }
}
