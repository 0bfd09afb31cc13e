package io.ringline.fanout.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sealed secrets a subscription signs with. After a rotation the replaced secret keeps signing until
 * {@code previousUntil}, so receivers can switch to the new one without losing a delivery (SPEC §4: both
 * signatures, space-separated, for 24 h).
 *
 * @param current       sealed (SecretBox) secret that always signs
 * @param previous      sealed replaced secret, or null
 * @param previousUntil end of the grace period of {@code previous}, or null
 */
public record SigningSecrets(String current, String previous, Instant previousUntil) {

    public SigningSecrets {
        Objects.requireNonNull(current, "current");
    }

    public static SigningSecrets single(String current) {
        return new SigningSecrets(current, null, null);
    }

    /** After rotating to {@code replacement}: the current secret becomes the previous one for {@code grace}. */
    public SigningSecrets rotate(String replacement, Instant now, Duration grace) {
        return new SigningSecrets(replacement, current, now.plus(grace));
    }

    /** The sealed secrets to sign with at {@code now}: the current one first, then the previous one in its grace. */
    public List<String> signingAt(Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(current);
        if (previous != null && previousUntil != null && now.isBefore(previousUntil)) {
            secrets.add(previous);
        }
        return List.copyOf(secrets);
    }
}
