package io.ringline.gateway.tenancy;

import io.ringline.platform.crypto.Hashing;
import java.net.URI;
import java.util.Locale;

/**
 * Which Evolution GO instance a number names: its base URL and instance name, the URL normalized so that
 * spellings of one address compare equal (scheme and host case, a default port, a trailing slash or dot).
 * Two live numbers may not name the same instance; the instance token is not part of the identity (it is a
 * secret: a uniqueness check on it would let anyone test guesses, and the GO layer already refuses a token
 * two live numbers share).
 */
public final class GoInstanceIdentity {

    private GoInstanceIdentity() {
    }

    /**
     * The stored key of the unique index: SHA-256 hex of the normalized URL and the instance name (fixed
     * length, so any URL length fits the index). A URL never holds a space, so the pair is unambiguous.
     */
    public static String key(URI baseUrl, String instanceName) {
        return Hashing.sha256Hex(normalizedBaseUrl(baseUrl) + " " + instanceName);
    }

    /** {@code HTTP://Go.Example.:80/base/} → {@code http://go.example/base}. */
    public static String normalizedBaseUrl(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".") && host.length() > 1) {
            host = host.substring(0, host.length() - 1);
        }
        int port = url.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }
}
