package io.ringline.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProviderTextTest {

    @Test
    void capsLengthAndCleansControlCharacters() {
        assertThat(ProviderText.excerpt(null)).isNull();
        assertThat(ProviderText.excerpt("short")).isEqualTo("short");
        assertThat(ProviderText.excerpt("x".repeat(5000))).hasSize(ProviderText.MAX_CHARS);
        assertThat(ProviderText.excerpt("a\r\nb\u0000c\u001b[31m")).isEqualTo("a  b c [31m");
    }

    @Test
    void neverCutsACharacterInHalf() {
        String text = "x".repeat(ProviderText.MAX_CHARS - 1) + "\uD83D\uDE00" + "tail";
        assertThat(ProviderText.excerpt(text)).isEqualTo("x".repeat(ProviderText.MAX_CHARS - 1));
    }
}
