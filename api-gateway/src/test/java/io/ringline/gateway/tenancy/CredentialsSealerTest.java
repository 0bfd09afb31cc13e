package io.ringline.gateway.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.platform.crypto.SecretBox;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CredentialsSealerTest {

    private final SecretBox box = SecretBox.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));
    private final CredentialsSealer sealer = new CredentialsSealer(box, JsonMapper.builder().build());

    @Test
    void sealsTheDocumentedJsonShapes() {
        String go = sealer.seal(new ProviderCredentials.EvoGo("tok"));
        String meta = sealer.seal(new ProviderCredentials.Meta("acc", "sec", null));

        assertThat(go).startsWith("v2.k0.").doesNotContain("tok");
        assertThat(box.decrypt(go)).isEqualTo("{\"instanceToken\":\"tok\"}");
        assertThat(box.decrypt(meta)).isEqualTo("{\"accessToken\":\"acc\",\"appSecret\":\"sec\"}");
    }

    @Test
    void opensWhatItSealed() {
        var meta = new ProviderCredentials.Meta("acc", "sec", "ver");

        assertThat(sealer.open(ProviderKind.META, sealer.seal(meta))).isEqualTo(meta);
        assertThat(sealer.open(ProviderKind.EVO_GO, sealer.seal(new ProviderCredentials.EvoGo("t"))))
                .isEqualTo(new ProviderCredentials.EvoGo("t"));
    }
}
