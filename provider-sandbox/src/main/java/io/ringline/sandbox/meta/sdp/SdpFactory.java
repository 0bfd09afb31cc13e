package io.ringline.sandbox.meta.sdp;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ringline.sandbox.sim.call.CallIds;

/**
 * SDPs of Meta's media side: ICE-lite, one Opus audio m-line, one sha-256 fingerprint and a host candidate on
 * 127.0.0.1. Nothing listens on that address; the SDPs are plausible enough for clients to parse and apply.
 */
public final class SdpFactory {

    private static final String CRLF = "\r\n";
    private static final Pattern MID = Pattern.compile("^a=mid:(\\S+)$", Pattern.MULTILINE);
    private static final Pattern OPUS =
            Pattern.compile("^a=rtpmap:(\\d+) opus/48000", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    private static final Pattern DTMF = Pattern.compile("^a=rtpmap:(\\d+) telephone-event/8000", Pattern.MULTILINE);

    private SdpFactory() {
    }

    /** Meta's offer for a user-initiated call; the business answers it with {@code a=setup:active}. */
    public static String offer() {
        return session("actpass", "0", "111", "126");
    }

    /** Meta's answer to a business's offer, reusing the offer's mid and payload types as an answer must. */
    public static String answerTo(String offer) {
        String normalized = offer.replace("\r\n", "\n");
        return session("passive", find(MID, normalized, "0"), find(OPUS, normalized, "111"),
                find(DTMF, normalized, null));
    }

    private static String session(String setup, String mid, String opusPayloadType, String dtmfPayloadType) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int port = random.nextInt(40_000, 50_000);
        String payloadTypes = dtmfPayloadType == null ? opusPayloadType : opusPayloadType + " " + dtmfPayloadType;
        StringBuilder sdp = new StringBuilder()
                .append("v=0").append(CRLF)
                .append("o=- ").append(random.nextLong(1L << 40, 1L << 62)).append(" 2 IN IP4 127.0.0.1").append(CRLF)
                .append("s=-").append(CRLF)
                .append("t=0 0").append(CRLF)
                .append("a=ice-lite").append(CRLF)
                .append("a=group:BUNDLE ").append(mid).append(CRLF)
                .append("a=msid-semantic: WMS *").append(CRLF)
                .append("m=audio ").append(port).append(" UDP/TLS/RTP/SAVPF ").append(payloadTypes).append(CRLF)
                .append("c=IN IP4 127.0.0.1").append(CRLF)
                .append("a=rtcp:").append(port).append(" IN IP4 127.0.0.1").append(CRLF)
                .append("a=candidate:1 1 udp 2130706431 127.0.0.1 ").append(port).append(" typ host").append(CRLF)
                .append("a=end-of-candidates").append(CRLF)
                .append("a=ice-ufrag:").append(token(4)).append(CRLF)
                .append("a=ice-pwd:").append(token(18)).append(CRLF)
                .append("a=fingerprint:sha-256 ").append(fingerprint()).append(CRLF)
                .append("a=setup:").append(setup).append(CRLF)
                .append("a=mid:").append(mid).append(CRLF)
                .append("a=sendrecv").append(CRLF)
                .append("a=rtcp-mux").append(CRLF)
                .append("a=rtpmap:").append(opusPayloadType).append(" opus/48000/2").append(CRLF)
                .append("a=fmtp:").append(opusPayloadType).append(" minptime=10;useinbandfec=1").append(CRLF);
        if (dtmfPayloadType != null) {
            sdp.append("a=rtpmap:").append(dtmfPayloadType).append(" telephone-event/8000").append(CRLF);
        }
        return sdp.append("a=ssrc:").append(random.nextLong(1, 1L << 32)).append(" cname:wa-sandbox").append(CRLF)
                .toString();
    }

    private static String find(Pattern pattern, String text, String fallback) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : fallback;
    }

    private static String token(int bytes) {
        return HexFormat.of().formatHex(CallIds.randomBytes(bytes));
    }

    private static String fingerprint() {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(CallIds.randomBytes(32));
    }
}
