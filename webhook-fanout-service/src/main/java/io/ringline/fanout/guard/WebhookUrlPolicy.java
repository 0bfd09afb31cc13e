package io.ringline.fanout.guard;

import io.ringline.platform.net.AddressPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a subscription URL may look like. Checked when a subscription is created or changed, so obvious
 * mistakes fail fast with a 400; the authoritative check is at connect time
 * ({@link io.ringline.platform.net.GuardedAddressResolverGroup}), because DNS can change after creation.
 */
public final class WebhookUrlPolicy {

    public static final int MAX_LENGTH = 2048;

    private final boolean allowPrivateNetworks;

    public WebhookUrlPolicy(boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    public boolean allowPrivateNetworks() {
        return allowPrivateNetworks;
    }

    /** Empty when acceptable; otherwise the problem, phrased for an API error. */
    public Optional<String> problem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain credentials");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not contain a fragment");
        }
        if (allowPrivateNetworks) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of("must use https");
        }
        return hostProblem(uri.getHost());
    }

    /** Whether a scheme may be used at delivery time (plain http only with the development switch). */
    public boolean schemeAllowed(String scheme) {
        return "https".equalsIgnoreCase(scheme) || (allowPrivateNetworks && "http".equalsIgnoreCase(scheme));
    }

    private static Optional<String> hostProblem(String rawHost) {
        String lower = rawHost.toLowerCase(Locale.ROOT);
        String host = lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
        if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local")
                || host.endsWith(".internal")) {
            return Optional.of("must not point at a local or internal host");
        }
        if (!isIpLiteral(host)) {
            return Optional.empty(); // names are judged by what they resolve to, at connect time
        }
        try {
            return AddressPolicy.refusalReason(InetAddress.getByName(host))
                    .map(reason -> "must resolve to a public address (" + host + " is " + reason + ")");
        } catch (UnknownHostException e) {
            return Optional.of("is not a valid URL");
        }
    }

    /** Literal check without touching DNS: IPv6 has a colon, IPv4 is four dotted decimals. */
    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
