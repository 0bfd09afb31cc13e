package io.ringline.bench.campaign;

/** A business's WebRTC SDPs per Meta's rules (as system-tests' Sdps): the campaign never exercises media on Meta. */
final class Sdps {

    private Sdps() {
    }

    static String offer() {
        return sdp("actpass");
    }

    static String answer() {
        return sdp("active");
    }

    private static String sdp(String setup) {
        return String.join("\r\n", "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0", "a=msid-semantic: WMS", "m=audio 50000 UDP/TLS/RTP/SAVPF 111 126",
                "c=IN IP4 127.0.0.1", "a=rtcp:50000 IN IP4 127.0.0.1",
                "a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", "a=ice-ufrag:Rl1n",
                "a=ice-pwd:ringlinecampaignpwd000",
                "a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:14:3C:88:A9:6B:2C:21:1E:0F:7A:3C:6D",
                "a=setup:" + setup, "a=mid:0", "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1", "a=rtpmap:126 telephone-event/8000", "");
    }
}
