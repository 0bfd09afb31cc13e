package io.ringline.sandbox.meta;

/** SDP comparisons that ignore what transports change: line endings and trailing whitespace. */
final class SdpComparison {

    private SdpComparison() {
    }

    static boolean same(String first, String second) {
        return normalize(first).equals(normalize(second));
    }

    private static String normalize(String sdp) {
        return sdp == null ? "" : String.join("\n", sdp.strip().lines().map(String::stripTrailing).toList());
    }
}
