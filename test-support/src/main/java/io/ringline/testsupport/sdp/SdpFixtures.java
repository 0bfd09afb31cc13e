package io.ringline.testsupport.sdp;

/**
 * SDPs a business's WebRTC client sends, as Meta requires them (and the sandbox's {@code SdpRules} check): Chrome's
 * shape, one audio m-line with Opus, one sha-256 fingerprint, ICE credentials and candidates inline. The candidates
 * are documentation/private addresses: the sandbox's simulated phone drops them (it never sends a packet off the
 * machine), so no media flows — tests that need media use a real peer instead.
 */
public final class SdpFixtures {

    private static final String FINGERPRINT = "a=fingerprint:sha-256 "
            + "3C:4A:AA:2D:1F:9E:6B:58:0E:17:5D:91:C4:22:7A:3F:88:10:B6:E5:4D:0C:93:7E:21:A8:5B:F0:16:C2:9D:47";

    private SdpFixtures() {
    }

    /** A business's offer for a business-initiated call ({@code a=setup:actpass}). */
    public static String offer() {
        return session("actpass");
    }

    /** A business's answer to a user-initiated call ({@code a=setup:active}, as Meta requires). */
    public static String answer() {
        return session("active");
    }

    /** The same session with another DTLS role ({@code actpass}, {@code active}, {@code passive}). */
    public static String session(String setup) {
        return String.join("\r\n",
                "v=0",
                "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0",
                "a=msid-semantic: WMS stream",
                "m=audio 50000 UDP/TLS/RTP/SAVPF 111 63 9 0 8 126",
                "c=IN IP4 192.0.2.10",
                "a=rtcp:9 IN IP4 0.0.0.0",
                "a=candidate:842163049 1 udp 1677729535 192.0.2.10 50000 typ srflx raddr 10.0.0.5 rport 50000",
                "a=candidate:1467250027 1 udp 2122260223 10.0.0.5 50000 typ host",
                "a=ice-ufrag:Kd3p",
                "a=ice-pwd:7YbnD0mX4ZqR6l2vHcT8sWe1",
                "a=ice-options:trickle",
                FINGERPRINT,
                "a=setup:" + setup,
                "a=mid:0",
                "a=sendrecv",
                "a=msid:stream track",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=rtcp-fb:111 transport-cc",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=rtpmap:63 red/48000/2",
                "a=rtpmap:9 G722/8000",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:126 telephone-event/8000",
                "a=ssrc:1001 cname:browser") + "\r\n";
    }
}
