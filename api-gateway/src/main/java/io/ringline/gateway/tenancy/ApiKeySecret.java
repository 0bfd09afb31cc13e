package io.ringline.gateway.tenancy;

import io.ringline.platform.crypto.Hashing;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret a client sends as {@code x-api-key}: {@code rl_} and 43 base64url characters (256 random bits).
 * Shown once; only its SHA-256 is stored.
 */
public record ApiKeySecret(String value) {

    private static final Pattern FORMAT = Pattern.compile("^rl_[A-Za-z0-9_-]{43}$");
    /** Enough of the key to recognise it in a list, far too little to guess the rest. */
    private static final int DISPLAY_PREFIX_LENGTH = 10;

    public static ApiKeySecret generate() {
        return new ApiKeySecret(Hashing.newSecret("rl_"));
    }

    /** Empty when the header cannot be one of our keys, so no database lookup is spent on it. */
    public static Optional<ApiKeySecret> parse(String header) {
        if (header == null || !FORMAT.matcher(header).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ApiKeySecret(header));
    }

    public String hash() {
        return Hashing.sha256Hex(value);
    }

    public String displayPrefix() {
        return value.substring(0, DISPLAY_PREFIX_LENGTH);
    }

    @Override
    public String toString() {
        return "ApiKeySecret[" + displayPrefix() + "…]";
    }
}
