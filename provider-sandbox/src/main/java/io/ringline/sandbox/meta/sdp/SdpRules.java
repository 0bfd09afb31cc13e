package io.ringline.sandbox.meta.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Meta's rules for SDPs a business sends (reference/meta-cloud-api-calling.md, "SDP and media"): exactly one
 * audio m-line and no other media, DTLS-SRTP, Opus offered, exactly one {@code a=fingerprint:sha-256}, ICE
 * credentials with candidates inline (Meta does not take trickled candidates), and {@code a=setup:active} when
 * answering a user's call (Meta's side is passive). Returns every problem found, not just the first.
 */
public final class SdpRules {

    private static final Pattern M_LINE = Pattern.compile("m=(\\S+) \\S+ (\\S+)((?: \\S+)*)");
    private static final Pattern OPUS = Pattern.compile("a=rtpmap:(\\d+) opus/48000(?:/2)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern FINGERPRINT = Pattern.compile("a=fingerprint:(\\S+) (\\S+)");
    private static final Pattern SHA256_VALUE = Pattern.compile("(?:[0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}");

    private SdpRules() {
    }

    public static List<String> problems(String sdp, SdpRole role) {
        List<String> problems = new ArrayList<>();
        if (sdp == null || sdp.isBlank()) {
            problems.add("SDP is empty");
            return problems;
        }
        List<String> lines = sdp.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (!lines.getFirst().equals("v=0")) {
            problems.add("SDP must start with v=0");
        }
        if (lines.stream().noneMatch(line -> line.startsWith("o="))) {
            problems.add("SDP has no o= line");
        }
        checkMedia(lines, problems);
        checkFingerprint(lines, problems);
        checkIce(lines, problems);
        if (role == SdpRole.ANSWER_TO_USER_CALL && !lines.contains("a=setup:active")) {
            problems.add("the answer to a user-initiated call must have a=setup:active");
        }
        return problems;
    }

    private static void checkMedia(List<String> lines, List<String> problems) {
        List<Matcher> media = lines.stream()
                .filter(line -> line.startsWith("m="))
                .map(M_LINE::matcher)
                .toList();
        long audio = media.stream().filter(m -> m.matches() && m.group(1).equals("audio")).count();
        if (audio != 1 || media.size() != 1) {
            problems.add("SDP must have exactly one m=audio line and no other media (found " + audio
                    + " audio of " + media.size() + " m-lines)");
            return;
        }
        Matcher audioLine = media.getFirst();
        if (!audioLine.group(2).toUpperCase(Locale.ROOT).contains("SAVPF")) {
            problems.add("m=audio must use DTLS-SRTP (UDP/TLS/RTP/SAVPF), not " + audioLine.group(2));
        }
        List<String> payloadTypes = Arrays.stream(audioLine.group(3).strip().split(" ")).toList();
        boolean opusOffered = lines.stream()
                .map(OPUS::matcher)
                .anyMatch(m -> m.matches() && payloadTypes.contains(m.group(1)));
        if (!opusOffered) {
            problems.add("m=audio must offer Opus (a=rtpmap:<pt> opus/48000/2 with <pt> on the m-line)");
        }
    }

    private static void checkFingerprint(List<String> lines, List<String> problems) {
        List<Matcher> fingerprints = lines.stream()
                .filter(line -> line.startsWith("a=fingerprint:"))
                .map(FINGERPRINT::matcher)
                .toList();
        if (fingerprints.size() != 1) {
            problems.add("SDP must have exactly one a=fingerprint:sha-256 line (found " + fingerprints.size() + ")");
            return;
        }
        Matcher fingerprint = fingerprints.getFirst();
        if (!fingerprint.matches() || !fingerprint.group(1).equalsIgnoreCase("sha-256")
                || !SHA256_VALUE.matcher(fingerprint.group(2)).matches()) {
            problems.add("the fingerprint must be a=fingerprint:sha-256 followed by 32 hex bytes");
        }
    }

    private static void checkIce(List<String> lines, List<String> problems) {
        if (lines.stream().noneMatch(line -> line.startsWith("a=ice-ufrag:"))
                || lines.stream().noneMatch(line -> line.startsWith("a=ice-pwd:"))) {
            problems.add("SDP must carry ICE credentials (a=ice-ufrag and a=ice-pwd)");
        }
        if (lines.stream().noneMatch(line -> line.startsWith("a=candidate:"))) {
            problems.add("SDP must carry its ICE candidates inline (a=candidate lines); trickle ICE is not supported");
        }
    }
}
