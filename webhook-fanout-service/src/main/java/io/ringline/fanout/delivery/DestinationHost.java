package io.ringline.fanout.delivery;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The destination host of a webhook URL — its host, lower-cased, as written (no DNS) — the key of the per-host
 * in-flight bound. Defined twice, once for each side that counts: {@link #sql} for the claim, which picks deliveries
 * within each host's free slots, and {@link #of} for the dispatcher, which holds slots for deliveries it leases
 * without a claim. {@code DestinationHostIntegrationTest} keeps the two equal on PostgreSQL.
 */
public final class DestinationHost {

    // The same expression both ways: scheme, "://", then an IPv6 literal in brackets or everything up to the first
    // of / ? # : @.
    private static final Pattern HOST = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://(\\[[^]]*\\]|[^/?#:@]*)");

    private DestinationHost() {
    }

    /** The host of {@code url}, or null when it has none (such a URL never passes the webhook URL policy). */
    public static String of(String url) {
        Matcher m = HOST.matcher(url);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** The same as {@link #of}, as a PostgreSQL expression over the URL column {@code column}. */
    public static String sql(String column) {
        return "lower(substring(" + column + " from '^[A-Za-z][A-Za-z0-9+.-]*://(\\[[^]]*\\]|[^/?#:@]*)'))";
    }
}
