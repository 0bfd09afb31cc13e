package io.ringline.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest and on the wire (provider credentials, webhook signing secrets) with
 * AES-256-GCM. Output: {@code v1.<base64(iv ‖ ciphertext+tag)>}; the version prefix leaves room for
 * key rotation. The key comes from configuration ({@code ringline.crypto.key}), never from code.
 */
public final class SecretBox {

    private static final String VERSION = "v1.";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("ringline.crypto.key must be 32 bytes (base64), got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    public static SecretBox fromBase64(String base64Key) {
        return new SecretBox(Base64.getDecoder().decode(base64Key));
    }

    public String encrypt(String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** @throws IllegalArgumentException if the envelope was not made with this key or was altered */
    public String decrypt(String envelope) {
        if (envelope == null || !envelope.startsWith(VERSION)) {
            throw new IllegalArgumentException("not a SecretBox envelope");
        }
        try {
            byte[] all = Base64.getDecoder().decode(envelope.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("secret cannot be decrypted with the configured key", e);
        }
    }

    @Override
    public String toString() {
        return "SecretBox[key=***]";
    }
}
