package io.ringline.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private final SecretBox box = new SecretBox(new byte[32]);

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        String a = box.encrypt("{\"instanceToken\":\"tok\"}");
        String b = box.encrypt("{\"instanceToken\":\"tok\"}");

        assertThat(a).startsWith("v1.").doesNotContain("tok").isNotEqualTo(b);
        assertThat(box.decrypt(a)).isEqualTo("{\"instanceToken\":\"tok\"}");
    }

    @Test
    void refusesAlteredCiphertextAndOtherKeys() {
        String sealed = box.encrypt("secret");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String altered = "v1." + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> box.decrypt(altered)).isInstanceOf(IllegalArgumentException.class);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> new SecretBox(otherKey).decrypt(sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverPrintsTheKey() {
        assertThat(box.toString()).isEqualTo("SecretBox[key=***]");
    }
}
