package io.ringline.testsupport.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The offer and the answer differ only by their DTLS role, and end every line with CRLF as SDP requires. */
class SdpFixturesTest {

    @Test
    void offerIsActpassAnswerIsActiveBothOneOpusAudioLine() {
        assertThat(SdpFixtures.offer()).contains("a=setup:actpass\r\n").doesNotContain("a=setup:active");
        assertThat(SdpFixtures.answer()).contains("a=setup:active\r\n");
        assertThat(SdpFixtures.answer().replace("a=setup:active", "a=setup:actpass")).isEqualTo(SdpFixtures.offer());
        assertThat(SdpFixtures.offer()).startsWith("v=0\r\n").endsWith("\r\n").doesNotContain("\n\n")
                .containsOnlyOnce("m=audio ").contains("a=rtpmap:111 opus/48000/2\r\n");
        assertThat(SdpFixtures.offer().replace("\r\n", "")).doesNotContain("\n");
    }
}
