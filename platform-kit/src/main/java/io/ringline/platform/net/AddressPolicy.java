package io.ringline.platform.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which IP addresses an outbound request on a tenant's behalf (webhook delivery, media download) may reach:
 * public unicast only. The ranges are data (a table,
 * tested row by row); IPv6 forms that carry an IPv4 address inside (mapped, compatible, NAT64, 6to4,
 * Teredo) are judged by the IPv4 address they lead to, so a private target cannot hide behind them.
 */
public final class AddressPolicy {

    /** One CIDR block and why it is refused. */
    private record Block(byte[] network, int prefixLength, String reason) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final List<Block> IPV4 = List.of(
            block("0.0.0.0/8", "unspecified / this network"),
            block("10.0.0.0/8", "private"),
            block("100.64.0.0/10", "carrier-grade NAT"),
            block("127.0.0.0/8", "loopback"),
            block("169.254.0.0/16", "link-local"),
            block("172.16.0.0/12", "private"),
            block("192.0.0.0/24", "IETF protocol assignments"),
            block("192.0.2.0/24", "documentation"),
            block("192.88.99.0/24", "6to4 relay anycast"),
            block("192.168.0.0/16", "private"),
            block("198.18.0.0/15", "benchmarking"),
            block("198.51.100.0/24", "documentation"),
            block("203.0.113.0/24", "documentation"),
            block("224.0.0.0/4", "multicast"),
            block("240.0.0.0/4", "reserved / broadcast"));

    private static final List<Block> IPV6 = List.of(
            block("::/128", "unspecified"),
            block("::1/128", "loopback"),
            block("100::/64", "discard-only"),
            block("64:ff9b:1::/48", "local-use NAT64"),
            block("2001:db8::/32", "documentation"),
            block("2001:2::/48", "benchmarking"),
            block("fc00::/7", "unique-local"),
            block("fe80::/10", "link-local"),
            block("fec0::/10", "site-local"),
            block("ff00::/8", "multicast"));

    private static final Block MAPPED = block("::ffff:0:0/96", "IPv4-mapped");
    private static final Block TRANSLATED = block("::ffff:0:0:0/96", "IPv4-translated");
    private static final Block COMPATIBLE = block("::/96", "IPv4-compatible");
    private static final Block NAT64 = block("64:ff9b::/96", "NAT64");
    private static final Block SIX_TO_FOUR = block("2002::/16", "6to4");
    private static final Block TEREDO = block("2001::/32", "Teredo");

    private AddressPolicy() {
    }

    /** Empty when the address may be connected to; otherwise why not. */
    public static Optional<String> refusalReason(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? refusalReasonV4(bytes) : refusalReasonV6(bytes);
    }

    private static Optional<String> refusalReasonV4(byte[] bytes) {
        return IPV4.stream().filter(b -> b.contains(bytes)).map(Block::reason).findFirst();
    }

    private static Optional<String> refusalReasonV6(byte[] bytes) {
        Optional<String> direct = IPV6.stream().filter(b -> b.contains(bytes)).map(Block::reason).findFirst();
        if (direct.isPresent()) {
            return direct;
        }
        byte[] embedded = embeddedIpv4(bytes);
        if (embedded == null) {
            return Optional.empty();
        }
        return refusalReasonV4(embedded).map(reason -> "IPv4 embedded in IPv6 is " + reason);
    }

    /** The IPv4 address an IPv6 address routes to, for the forms that carry one; null otherwise. */
    private static byte[] embeddedIpv4(byte[] v6) {
        if (MAPPED.contains(v6) || TRANSLATED.contains(v6) || COMPATIBLE.contains(v6) || NAT64.contains(v6)) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        if (SIX_TO_FOUR.contains(v6)) {
            return Arrays.copyOfRange(v6, 2, 6);
        }
        if (TEREDO.contains(v6)) {
            byte[] client = Arrays.copyOfRange(v6, 12, 16);
            for (int i = 0; i < client.length; i++) {
                client[i] = (byte) ~client[i]; // Teredo stores the client address inverted
            }
            return client;
        }
        return null;
    }

    private static Block block(String cidr, String reason) {
        int slash = cidr.indexOf('/');
        try {
            // Numeric literals only: InetAddress parses them without any DNS lookup.
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            if (cidr.contains(":") && network.length == 4) {
                network = mappedToV6(network); // Java folds ::ffff:a.b.c.d literals into IPv4; keep the v6 form
            }
            return new Block(network, Integer.parseInt(cidr.substring(slash + 1)), reason);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }

    private static byte[] mappedToV6(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xFF;
        v6[11] = (byte) 0xFF;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }
}
