package io.ringline.platform.net;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * What can be said of a URL's host without asking DNS, for an early, clear refusal when a tenant hands us an
 * address: {@code localhost} and the local/internal suffixes, IP literals in a range {@link AddressPolicy}
 * refuses, and numeric spellings that are not a plain IP (such as {@code 2130706433} or {@code 127.1}, which
 * some resolvers read as loopback). Names are not judged here: where they lead is checked at connect time by
 * {@link GuardedAddressResolverGroup}.
 */
public final class UrlHosts {

    private UrlHosts() {
    }

    /** Empty when nothing is wrong with the host as written; otherwise why it is refused. */
    public static Optional<String> refusal(String rawHost) {
        if (rawHost == null || rawHost.isBlank()) {
            return Optional.of("names no host");
        }
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local")
                || host.endsWith(".internal")) {
            return Optional.of("is a local or internal host");
        }
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal != null) {
            try {
                return AddressPolicy.refusalReason(InetAddress.getByAddress(literal)).map(reason -> "is a " + reason
                        + " address");
            } catch (UnknownHostException e) {
                return Optional.of("is not a valid address");
            }
        }
        if (host.matches("[0-9.]+") || host.matches("0x[0-9a-fx.]*") || host.contains(":")) {
            return Optional.of("is not a valid address");
        }
        return Optional.empty();
    }
}
