package io.ringline.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final byte[] K0 = key(0);
    private static final byte[] K1 = key(1);
    private static final byte[] K2 = key(2);

    private final SecretBox box = new SecretBox(K0);

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        String a = box.encrypt("{\"instanceToken\":\"tok\"}");
        String b = box.encrypt("{\"instanceToken\":\"tok\"}");

        assertThat(a).startsWith("v2.k0.").doesNotContain("tok").isNotEqualTo(b);
        assertThat(box.decrypt(a)).isEqualTo("{\"instanceToken\":\"tok\"}");
        assertThat(box.decryptBytes(box.encryptBytes(new byte[] {0, -1, 2}))).containsExactly(0, -1, 2);
    }

    @Test
    void afterRotationOldEnvelopesStillOpenAndNewOnesUseTheActiveKey() {
        String underK1 = ring("k1").encrypt("whsec_old");
        SecretBox rotated = new SecretBox(KeyRing.parse(
                "k2:" + b64(K2) + ", k1:" + b64(K1), null, null));

        assertThat(rotated.activeKeyId()).isEqualTo("k2");
        assertThat(rotated.decrypt(underK1)).isEqualTo("whsec_old");
        String fresh = rotated.encrypt("whsec_new");
        assertThat(fresh).startsWith("v2.k2.");
        assertThat(SecretBox.keyIdOf(fresh)).isEqualTo("k2");
        assertThat(rotated.isSealedWithActiveKey(fresh)).isTrue();
        assertThat(rotated.isSealedWithActiveKey(underK1)).isFalse();

        String reencrypted = rotated.reencrypt(underK1);
        assertThat(reencrypted).startsWith("v2.k2.");
        assertThat(rotated.reencrypt(reencrypted)).isSameAs(reencrypted);
        // k1 dropped from the ring: what was re-encrypted still opens, what was not names the missing key.
        SecretBox k2Only = new SecretBox(KeyRing.parse("k2:" + b64(K2), null, null));
        assertThat(k2Only.decrypt(reencrypted)).isEqualTo("whsec_old");
        assertThatThrownBy(() -> k2Only.decrypt(underK1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'k1'").hasMessageContaining("not in the key ring [k2]")
                .hasMessageContaining("RINGLINE_CRYPTO_KEYS");
    }

    @Test
    void anExplicitActiveKeyWinsOverTheOrderOfTheRing() {
        SecretBox box = new SecretBox(KeyRing.parse("k2:" + b64(K2) + ",k1:" + b64(K1), null, "k1"));

        assertThat(box.encrypt("x")).startsWith("v2.k1.");
        assertThatThrownBy(() -> KeyRing.parse("k2:" + b64(K2), null, "k9"))
                .hasMessageContaining("RINGLINE_CRYPTO_ACTIVE_KEY").hasMessageContaining("'k9'");
    }

    @Test
    void theLegacySingleKeyIsK0AndOpensVersion1Envelopes() throws Exception {
        String v1 = legacyV1Envelope(K0, "{\"accessToken\":\"acc\"}");
        SecretBox upgraded = new SecretBox(KeyRing.parse("k1:" + b64(K1), b64(K0), null));

        assertThat(upgraded.keyIds()).containsExactly("k1", "k0");
        assertThat(upgraded.activeKeyId()).isEqualTo("k1");
        assertThat(SecretBox.keyIdOf(v1)).isEqualTo("k0");
        assertThat(upgraded.decrypt(v1)).isEqualTo("{\"accessToken\":\"acc\"}");
        assertThat(SecretBox.fromBase64(b64(K0)).decrypt(v1)).isEqualTo("{\"accessToken\":\"acc\"}");
        assertThat(upgraded.reencrypt(v1)).startsWith("v2.k1.");
        assertThatThrownBy(() -> new SecretBox(KeyRing.parse("k1:" + b64(K1), null, null)).decrypt(v1))
                .hasMessageContaining("'k0'").hasMessageContaining("RINGLINE_CRYPTO_KEY");
    }

    @Test
    void detectsTamperingWithTheCiphertextOrTheKeyId() {
        SecretBox both = new SecretBox(KeyRing.parse("k2:" + b64(K2) + ",k1:" + b64(K1), null, null));
        String sealed = both.encrypt("secret");
        String body = sealed.substring("v2.k2.".length());
        byte[] raw = Base64.getDecoder().decode(body);
        raw[raw.length - 1] ^= 1;

        assertThatThrownBy(() -> both.decrypt("v2.k2." + Base64.getEncoder().encodeToString(raw)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("altered");
        // The same ciphertext relabelled with another id of the ring fails too (the id is authenticated).
        assertThatThrownBy(() -> both.decrypt("v2.k1." + body)).isInstanceOf(IllegalArgumentException.class);
        // A different key under the same id.
        SecretBox impostor = new SecretBox(KeyRing.parse("k2:" + b64(key(9)), null, null));
        assertThatThrownBy(() -> impostor.decrypt(sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> both.decrypt("plain text")).hasMessageContaining("not a SecretBox envelope");
        assertThatThrownBy(() -> both.decrypt("v2.k2.")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedConfigurationIsRefusedWithoutQuotingKeyMaterial() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> KeyRing.parse("k1:" + short16, null, null)).hasMessageContaining("32 bytes")
                .hasMessageNotContaining(short16);
        assertThatThrownBy(() -> KeyRing.parse("k1:" + b64(K1) + ",k1:" + b64(K2), null, null))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> KeyRing.parse("k.1:" + b64(K1), null, null)).hasMessageContaining("key id");
        assertThatThrownBy(() -> KeyRing.parse(b64(K1), null, null)).hasMessageContaining("<id>:<base64");
        assertThatThrownBy(() -> KeyRing.parse("k1:not*base64", null, null)).hasMessageContaining("base64")
                .hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> KeyRing.parse("k0:" + b64(K1), b64(K0), null)).hasMessageContaining("k0");
        assertThatThrownBy(() -> KeyRing.parse(" ", "", null)).hasMessageContaining("RINGLINE_CRYPTO_KEYS");
        assertThat(KeyRing.parse("k0:" + b64(K0), b64(K0), null).ids()).containsExactly("k0");
    }

    @Test
    void neverPrintsKeys() {
        SecretBox both = new SecretBox(KeyRing.parse("k2:" + b64(K2) + ",k1:" + b64(K1), null, null));

        assertThat(both.toString()).isEqualTo("SecretBox[key=***, ring=[k2, k1], active=k2]")
                .doesNotContain(b64(K1)).doesNotContain(b64(K2));
    }

    private static SecretBox ring(String id) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put(id, K1);
        return new SecretBox(KeyRing.of(keys, null));
    }

    /** What SecretBox of earlier versions wrote: {@code v1.<base64(iv ‖ ciphertext+tag)>}, no associated data. */
    private static String legacyV1Envelope(byte[] key, String plaintext) throws GeneralSecurityException {
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        return "v1." + Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) seed);
        return key;
    }

    private static String b64(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }
}
