package io.ringline.sandbox.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.ringline.sandbox.meta.sdp.SdpFactory;
import io.ringline.sandbox.meta.sdp.SdpRole;
import io.ringline.sandbox.meta.sdp.SdpRules;
import io.ringline.testsupport.sdp.SdpFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Meta's SDP rules: what passes and, for each rule, an SDP that breaks it. */
class SdpRulesTest {

    @Test
    void browserOfferAndActiveAnswerPass() {
        assertThat(SdpRules.problems(SdpFixtures.offer(), SdpRole.BUSINESS_OFFER)).isEmpty();
        assertThat(SdpRules.problems(SdpFixtures.answer(), SdpRole.ANSWER_TO_USER_CALL)).isEmpty();
        assertThat(SdpRules.problems(SdpFixtures.answer().replace("\r\n", "\n"), SdpRole.ANSWER_TO_USER_CALL)).isEmpty();
    }

    static Stream<Arguments> brokenSdps() {
        return Stream.of(
                broken("empty", sdp -> "", "empty"),
                broken("no v=0", sdp -> sdp.replace("v=0\r\n", ""), "v=0"),
                broken("video too", sdp -> sdp + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n",
                        "exactly one m=audio"),
                broken("two audio lines", sdp -> sdp + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n", "exactly one m=audio"),
                broken("plain RTP", sdp -> sdp.replace("UDP/TLS/RTP/SAVPF", "RTP/AVP"), "DTLS-SRTP"),
                broken("no opus", sdp -> sdp.replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 ISAC/16000"), "Opus"),
                broken("opus not on the m-line", sdp -> sdp.replace("SAVPF 111 63", "SAVPF 63"), "Opus"),
                broken("two fingerprints", sdp -> sdp.replace("a=setup:", "a=fingerprint:sha-256 "
                        + "00:".repeat(31) + "00\r\na=setup:"), "exactly one a=fingerprint"),
                broken("sha-1 fingerprint", sdp -> sdp.replace("a=fingerprint:sha-256", "a=fingerprint:sha-1"),
                        "sha-256"),
                broken("no ICE credentials", sdp -> sdp.replace("a=ice-pwd:7YbnD0mX4ZqR6l2vHcT8sWe1\r\n", ""),
                        "ice-pwd"),
                broken("trickled candidates", sdp -> sdp.lines().filter(line -> !line.startsWith("a=candidate"))
                        .reduce("", (all, line) -> all + line + "\r\n"), "inline"));
    }

    private static Arguments broken(String name, UnaryOperator<String> breakIt, String complaint) {
        return Arguments.of(name, breakIt.apply(SdpFixtures.offer()), complaint);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSdps")
    void brokenOffersAreRefusedWithAReason(String name, String sdp, String complaint) {
        assertThat(SdpRules.problems(sdp, SdpRole.BUSINESS_OFFER)).anySatisfy(
                problem -> assertThat(problem).contains(complaint));
    }

    @Test
    void answersToUserCallsMustBeActive() {
        assertThat(SdpRules.problems(SdpFixtures.session("passive"), SdpRole.ANSWER_TO_USER_CALL))
                .containsExactly("the answer to a user-initiated call must have a=setup:active");
        assertThat(SdpRules.problems(SdpFixtures.session("actpass"), SdpRole.BUSINESS_OFFER)).isEmpty();
    }

    @Test
    void metasOwnSdpsAreWellFormedIceLiteAndMatchTheOffer() {
        String offer = SdpFactory.offer();
        String answer = SdpFactory.answerTo(SdpFixtures.offer());

        assertThat(SdpRules.problems(offer, SdpRole.BUSINESS_OFFER)).isEmpty();
        assertThat(SdpRules.problems(answer, SdpRole.BUSINESS_OFFER)).isEmpty();
        assertThat(answer).contains("a=ice-lite\r\n", "a=mid:0\r\n", "a=setup:passive\r\n",
                "a=rtpmap:111 opus/48000/2\r\n", "a=rtpmap:126 telephone-event/8000\r\n",
                " 127.0.0.1 ", " typ host\r\n");
        assertThat(offer).contains("a=setup:actpass\r\n").endsWith("\r\n");
    }
}
