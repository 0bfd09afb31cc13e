package io.ringline.sandbox.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.ringline.sandbox.meta.webhook.HubSignature;
import org.junit.jupiter.api.Test;

class HubSignatureTest {

    @Test
    void signsLikeMetaWithHexHmacSha256OfTheRawBody() {
        // RFC 4231-style known answer: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
        assertThat(HubSignature.sign("key",
                "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }
}
