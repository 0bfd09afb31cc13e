package io.ringline.fanout.subscription;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} + base64 of 32 random bytes. The HMAC key is the
 * decoded bytes. Shown to the tenant once; stored only encrypted; never printed.
 */
public final class WebhookSecret {

    public static final String PREFIX = "whsec_";
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    public static WebhookSecret generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return new WebhookSecret(key);
    }

    /** @throws IllegalArgumentException if {@code value} is not {@code whsec_<base64>} */
    public static WebhookSecret parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a whsec_ secret");
        }
        byte[] key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("secret key must be 24 to 64 bytes");
        }
        return new WebhookSecret(key);
    }

    /** The form shown to the tenant and encrypted at rest. */
    public String value() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC key. */
    public byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "WebhookSecret[***]";
    }
}
