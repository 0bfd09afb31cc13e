package io.ringline.sandbox.meta.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Set;

import org.junit.jupiter.api.Test;

class WhatsAppSdpTest {

    private static final String SDP = String.join("\r\n",
            "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0",
            "a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host",
            "a=candidate:2 1 udp 2122260223 192.0.2.77 50001 typ host",
            "a=candidate:3 1 udp 1677729535 203.0.113.9 50002 typ srflx raddr 192.0.2.77 rport 50001",
            "a=candidate:4 1 udp 2122260223 5b3c1f0e-6d1a-4c8e-9f7a-0c1d2e3f4a5b.local 50003 typ host",
            "a=candidate:5 1 udp 2122260223 ::1 50004 typ host",
            "a=ice-ufrag:abcd", "a=ice-pwd:0123456789abcdefghijklmn", "a=ice-options:trickle",
            "a=fingerprint:sha-256 AA", "a=setup:actpass", "a=mid:0", "a=rtpmap:111 opus/48000/2") + "\r\n";

    @Test
    void outgoingSdpsAreIceLiteWithoutTrickle() {
        String out = WhatsAppSdp.outgoing(SDP);
        assertThat(out).contains("t=0 0\r\na=ice-lite\r\n").doesNotContain("a=ice-options").endsWith("\r\n");
        assertThat(out.lines().filter(line -> line.startsWith("a=candidate:"))).hasSize(5);
    }

    @Test
    void onlyCandidatesOnThisHostAreKept() throws Exception {
        String kept = WhatsAppSdp.localCandidatesOnly(SDP, Set.of(InetAddress.getByName("192.0.2.77")));
        assertThat(kept.lines().filter(line -> line.startsWith("a=candidate:")))
                .containsExactly("a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host",
                        "a=candidate:2 1 udp 2122260223 192.0.2.77 50001 typ host",
                        "a=candidate:5 1 udp 2122260223 ::1 50004 typ host");
        assertThat(kept).contains("a=ice-ufrag:abcd").contains("a=rtpmap:111 opus/48000/2");
    }
}
