package io.ringline.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest and on the wire (provider credentials, webhook signing secrets, stored idempotent
 * responses, media upstream grants) with AES-256-GCM under the active key of a {@link KeyRing}.
 *
 * <p>Envelope: {@code v2.<keyId>.<base64(iv ‖ ciphertext+tag)>}; the key id is authenticated (GCM associated
 * data), so an envelope cannot be passed off as another key's. Any key of the ring opens its envelopes, so
 * rotation never makes a stored secret unreadable; {@code v1.<base64>} envelopes of earlier versions (no key
 * id) open with the legacy key {@value KeyRing#LEGACY_KEY_ID}.
 */
public final class SecretBox {

    private static final String V1 = "v1.";
    private static final String V2 = "v2.";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing ring;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(KeyRing ring) {
        this.ring = ring;
    }

    /** A box with one key, id {@value KeyRing#LEGACY_KEY_ID}. */
    public SecretBox(byte[] key) {
        this(KeyRing.single(key));
    }

    /** A box with one key, id {@value KeyRing#LEGACY_KEY_ID}. */
    public static SecretBox fromBase64(String base64Key) {
        return new SecretBox(KeyRing.parse(null, base64Key, null));
    }

    public String encrypt(String plaintext) {
        return encryptBytes(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /** Seals with the active key. */
    public String encryptBytes(byte[] plaintext) {
        String keyId = ring.activeId();
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, ring.activeKey(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(keyId));
            byte[] sealed = cipher.doFinal(plaintext);
            return V2 + keyId + "." + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** @throws IllegalArgumentException as {@link #decryptBytes} */
    public String decrypt(String envelope) {
        return new String(decryptBytes(envelope), StandardCharsets.UTF_8);
    }

    /**
     * @throws IllegalArgumentException if this is no envelope, names a key the ring does not hold, or was
     *                                  altered (or sealed with a different key under the same id)
     */
    public byte[] decryptBytes(String envelope) {
        String keyId = keyIdOf(envelope);
        SecretKeySpec key = ring.key(keyId).orElseThrow(() -> new IllegalArgumentException(
                "secret was sealed with crypto key '" + keyId + "', which is not in the key ring " + ring.ids()
                        + (KeyRing.LEGACY_KEY_ID.equals(keyId)
                                ? ": set RINGLINE_CRYPTO_KEY (or add k0 to RINGLINE_CRYPTO_KEYS)"
                                : ": add it to RINGLINE_CRYPTO_KEYS")));
        boolean v1 = envelope.startsWith(V1);
        String payload = v1 ? envelope.substring(V1.length()) : envelope.substring(V2.length() + keyId.length() + 1);
        try {
            byte[] all = Base64.getDecoder().decode(payload);
            if (all.length < IV_BYTES) {
                throw new IllegalArgumentException("envelope too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            if (!v1) {
                cipher.updateAAD(associatedData(keyId));
            }
            return cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("secret sealed with crypto key '" + keyId
                    + "' cannot be decrypted: it was altered, or that id names a different key here", e);
        }
    }

    /** The id of the key new envelopes are sealed with. */
    public String activeKeyId() {
        return ring.activeId();
    }

    /** The ring's key ids, newest first. */
    public List<String> keyIds() {
        return ring.ids();
    }

    /** True when the envelope is already sealed with the active key (re-encryption would change nothing). */
    public boolean isSealedWithActiveKey(String envelope) {
        return envelope != null && envelope.startsWith(activePrefix());
    }

    /** What every envelope sealed with the active key starts with: {@code v2.<activeId>.}. */
    public String activePrefix() {
        return V2 + ring.activeId() + ".";
    }

    /**
     * The same secret sealed with the active key; the envelope itself when it already is.
     *
     * @throws IllegalArgumentException as {@link #decryptBytes}
     */
    public String reencrypt(String envelope) {
        return isSealedWithActiveKey(envelope) ? envelope : encryptBytes(decryptBytes(envelope));
    }

    /**
     * The id of the key an envelope was sealed with ({@value KeyRing#LEGACY_KEY_ID} for {@code v1.}).
     *
     * @throws IllegalArgumentException if it is not an envelope
     */
    public static String keyIdOf(String envelope) {
        if (envelope != null && envelope.startsWith(V1)) {
            return KeyRing.LEGACY_KEY_ID;
        }
        if (envelope != null && envelope.startsWith(V2)) {
            int dot = envelope.indexOf('.', V2.length());
            if (dot > V2.length()) {
                return envelope.substring(V2.length(), dot);
            }
        }
        throw new IllegalArgumentException("not a SecretBox envelope");
    }

    private static byte[] associatedData(String keyId) {
        return (V2 + keyId).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "SecretBox[key=***, ring=" + ring.ids() + ", active=" + ring.activeId() + "]";
    }
}
