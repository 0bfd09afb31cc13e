package io.ringline.platform.config;

import io.ringline.platform.crypto.KeyRing;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The crypto key ring (docs/security.md, "Secrets"); blank means unset.
 *
 * @param keys      {@code RINGLINE_CRYPTO_KEYS}: {@code id:base64} entries, comma-separated, newest first
 * @param key       {@code RINGLINE_CRYPTO_KEY}: one base64 key of earlier versions, id {@value KeyRing#LEGACY_KEY_ID}
 * @param activeKey {@code RINGLINE_CRYPTO_ACTIVE_KEY}: the id new envelopes are sealed with (default: first of keys)
 */
@ConfigurationProperties("ringline.crypto")
public record CryptoProperties(String keys, String key, String activeKey) {

    /** The variables of which one must be set, as failure messages name them. */
    public static final RequiredSecrets.Secret SECRET = RequiredSecrets.Secret.of(
            "RINGLINE_CRYPTO_KEYS (or RINGLINE_CRYPTO_KEY)", "ringline.crypto.keys", "ringline.crypto.key");

    /**
     * @throws MissingSecretException   when no key is configured
     * @throws IllegalArgumentException when the configuration is malformed (never quoting key material)
     */
    public KeyRing keyRing() {
        if ((keys == null || keys.isBlank()) && (key == null || key.isBlank())) {
            throw new MissingSecretException(List.of(SECRET));
        }
        return KeyRing.parse(keys, key, activeKey);
    }

    @Override
    public String toString() {
        return "CryptoProperties[keys=***, key=***, activeKey=" + activeKey + "]";
    }
}
