package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.http.RawRequest;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Whether a request breaks HTTP/1.1 itself, so the HTTP server may refuse it (documented status, no body) or
 * drop it before any application code runs: a request line or header section longer than the server reads
 * (4 KiB / 8 KiB), a target that is not a URI (raw spaces, backslashes, non-ASCII, broken percent-encoding),
 * header names that are not tokens or values with control characters.
 */
final class HttpGrammar {

    static final int MAX_REQUEST_LINE = 4096;
    static final int MAX_HEADER_SECTION = 8192;

    private HttpGrammar() {
    }

    static boolean breaks(RawRequest request) {
        String target = request.targetText();
        if (request.method().length() + target.length() + 10 > MAX_REQUEST_LINE - 16 || !target.startsWith("/")) {
            return true;
        }
        if (target.chars().anyMatch(c -> c <= ' ' || c >= 0x7F)) {
            return true;
        }
        try {
            new URI(target);
        } catch (URISyntaxException e) {
            return true;
        }
        int headerBytes = 0;
        for (RawRequest.Header h : request.headers()) {
            headerBytes += h.name().length() + h.value().length + 4;
            if (!h.name().chars().allMatch(HttpGrammar::isTokenChar)) {
                return true;
            }
            for (byte b : h.value()) {
                if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7F) {
                    return true;
                }
            }
        }
        return headerBytes > MAX_HEADER_SECTION - 512;
    }

    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
