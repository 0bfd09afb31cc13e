package io.ringline.platform.crypto;

import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys {@link SecretBox} may open envelopes with, each under an id, and the one it seals new
 * envelopes with (the active key). Rotation adds a key, makes it active, re-encrypts, then drops the old one
 * (docs/security.md, "Secrets").
 *
 * <p>Configuration ({@link #parse}): {@code RINGLINE_CRYPTO_KEYS="k2:<base64>,k1:<base64>"}, newest first;
 * the first is active unless {@code RINGLINE_CRYPTO_ACTIVE_KEY} names another. The single-key
 * {@code RINGLINE_CRYPTO_KEY} of earlier versions is still read: it joins the ring under the id
 * {@value #LEGACY_KEY_ID}, which also opens the id-less {@code v1.} envelopes those versions wrote.
 * No message or {@code toString} ever contains key material.
 */
public final class KeyRing {

    /** The id of the key given as {@code RINGLINE_CRYPTO_KEY}; it opens {@code v1.} envelopes too. */
    public static final String LEGACY_KEY_ID = "k0";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int KEY_BYTES = 32;

    private final Map<String, SecretKeySpec> keys;
    private final String activeId;

    private KeyRing(Map<String, SecretKeySpec> keys, String activeId) {
        this.keys = keys;
        this.activeId = activeId;
    }

    /** A ring of one key, id {@value #LEGACY_KEY_ID} (tests, and deployments that set only RINGLINE_CRYPTO_KEY). */
    public static KeyRing single(byte[] key) {
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        keys.put(LEGACY_KEY_ID, aesKey(LEGACY_KEY_ID, key));
        return withActive(keys, LEGACY_KEY_ID);
    }

    /**
     * @param ring   ids and keys, newest first
     * @param active the id new envelopes are sealed with, or null for the first
     */
    public static KeyRing of(Map<String, byte[]> ring, String active) {
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        ring.forEach((id, key) -> keys.put(checkedId(id), aesKey(id, key)));
        return withActive(keys, active);
    }

    /**
     * Reads the ring from its three settings (blank = unset).
     *
     * @param ring      {@code RINGLINE_CRYPTO_KEYS}: {@code id:base64} entries separated by commas, newest first
     * @param legacyKey {@code RINGLINE_CRYPTO_KEY}: one base64 key, id {@value #LEGACY_KEY_ID}
     * @param active    {@code RINGLINE_CRYPTO_ACTIVE_KEY}: the id to seal with, default the first of the ring
     * @throws IllegalArgumentException when a setting is malformed or both are unset
     */
    public static KeyRing parse(String ring, String legacyKey, String active) {
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        if (!isBlank(ring)) {
            String[] entries = ring.split(",");
            for (int i = 0; i < entries.length; i++) {
                String entry = entries[i].strip();
                int colon = entry.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("RINGLINE_CRYPTO_KEYS: entry " + (i + 1)
                            + " must be <id>:<base64 of 32 random bytes>");
                }
                String id = checkedId(entry.substring(0, colon).strip());
                if (keys.containsKey(id)) {
                    throw new IllegalArgumentException("RINGLINE_CRYPTO_KEYS: key id '" + id + "' appears twice");
                }
                keys.put(id, aesKey(id, decode("RINGLINE_CRYPTO_KEYS key '" + id + "'", entry.substring(colon + 1))));
            }
        }
        if (!isBlank(legacyKey)) {
            SecretKeySpec legacy = aesKey(LEGACY_KEY_ID, decode("RINGLINE_CRYPTO_KEY", legacyKey));
            SecretKeySpec named = keys.get(LEGACY_KEY_ID);
            if (named != null && !Arrays.equals(named.getEncoded(), legacy.getEncoded())) {
                throw new IllegalArgumentException("RINGLINE_CRYPTO_KEY is key '" + LEGACY_KEY_ID
                        + "', but RINGLINE_CRYPTO_KEYS names a different key '" + LEGACY_KEY_ID + "'");
            }
            keys.putIfAbsent(LEGACY_KEY_ID, legacy);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no crypto key: set RINGLINE_CRYPTO_KEYS (or RINGLINE_CRYPTO_KEY)");
        }
        return withActive(keys, isBlank(active) ? null : active.strip());
    }

    private static KeyRing withActive(Map<String, SecretKeySpec> keys, String active) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a key ring needs at least one key");
        }
        String activeId = active == null ? keys.keySet().iterator().next() : active;
        if (!keys.containsKey(activeId)) {
            throw new IllegalArgumentException("RINGLINE_CRYPTO_ACTIVE_KEY names '" + activeId
                    + "', which is not in the key ring " + keys.keySet());
        }
        // A copy that keeps configuration order (newest first) for messages and reports.
        return new KeyRing(Collections.unmodifiableMap(new LinkedHashMap<>(keys)), activeId);
    }

    /** The id new envelopes are sealed with. */
    public String activeId() {
        return activeId;
    }

    /** Every id of the ring, in configuration order (newest first). */
    public List<String> ids() {
        return List.copyOf(keys.keySet());
    }

    SecretKeySpec activeKey() {
        return keys.get(activeId);
    }

    Optional<SecretKeySpec> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    private static String checkedId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("crypto key id '" + id
                    + "' must be 1 to 32 letters, digits, '_' or '-'");
        }
        return id;
    }

    private static byte[] decode(String what, String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character; say nothing about the value.
            throw new IllegalArgumentException(what + " is not valid base64");
        }
    }

    private static SecretKeySpec aesKey(String id, byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("crypto key '" + id + "' must be " + KEY_BYTES
                    + " bytes (base64 of 32 random bytes: openssl rand -base64 32), got "
                    + (key == null ? 0 : key.length));
        }
        return new SecretKeySpec(key.clone(), "AES");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "KeyRing[active=" + activeId + ", ids=" + keys.keySet() + "]";
    }
}
