package io.ringline.gateway.ratelimit;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Who sent a request, for per-source limits: the connection's peer address, unless that peer is a configured
 * trusted proxy — then {@code X-Forwarded-For}, read right to left past the trusted proxies (the entries left
 * of the first untrusted one are the client's own claims and are ignored). IPv6 sources count per /64, the
 * block one subscriber usually gets, so a client cannot multiply its budget by rotating addresses inside it.
 */
final class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<IpSubnetFilterRule> trustedProxies;
    private final List<IpSubnetFilterRule> exempt;

    ClientAddresses(List<String> trustedProxies, List<String> exempt) {
        this.trustedProxies = rules(trustedProxies, "trusted-proxies");
        this.exempt = rules(exempt, "exempt");
    }

    /** The address to count the request against, or null when the peer is unknown (then nothing is limited). */
    InetAddress source(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        if (peer == null || peer.getAddress() == null) {
            return null;
        }
        InetAddress source = normalized(peer.getAddress());
        if (!trustedProxies.isEmpty() && matches(trustedProxies, source)) {
            List<String> hops = request.getHeaders().getOrEmpty(FORWARDED_FOR).stream()
                    .flatMap(header -> Arrays.stream(header.split(",")))
                    .map(String::strip)
                    .toList();
            for (int i = hops.size() - 1; i >= 0; i--) {
                InetAddress hop = parse(hops.get(i));
                if (hop == null) {
                    break; // garbage from the client's side: count it against the last proxy that saw it
                }
                source = hop;
                if (!matches(trustedProxies, hop)) {
                    break;
                }
            }
        }
        return source;
    }

    boolean isExempt(InetAddress source) {
        return matches(exempt, source);
    }

    /** The bucket name of a source: the address itself for IPv4, its /64 for IPv6. */
    static String bucketOf(InetAddress source) {
        if (source instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(source.getAddress(), 8);
            return java.util.HexFormat.of().formatHex(prefix) + "::/64";
        }
        return source.getHostAddress();
    }

    /** An IP literal (optionally {@code [v6]}, optionally with a port), never a DNS lookup; null if not one. */
    static InetAddress parse(String entry) {
        String value = entry;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            value = end < 0 ? value : value.substring(1, end);
        } else if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            value = value.substring(0, value.indexOf(':')); // IPv4 with a port
        }
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(value);
        return address == null ? null : normalized(address);
    }

    /** {@code ::ffff:a.b.c.d} is the IPv4 address a.b.c.d (a dual-stack socket reports IPv4 peers so). */
    private static InetAddress normalized(InetAddress address) {
        if (address instanceof Inet6Address v6 && isIpv4Mapped(v6.getAddress())) {
            return NetUtil.createInetAddressFromIpAddressString(
                    NetUtil.bytesToIpAddress(Arrays.copyOfRange(v6.getAddress(), 12, 16)));
        }
        return address;
    }

    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    private static boolean matches(List<IpSubnetFilterRule> rules, InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule rule : rules) {
            if (rule.matches(socket)) {
                return true;
            }
        }
        return false;
    }

    private static List<IpSubnetFilterRule> rules(List<String> cidrs, String property) {
        return cidrs.stream().map(String::strip).filter(c -> !c.isEmpty()).map(cidr -> {
            try {
                return new IpSubnetFilterRule(cidr.contains("/") ? cidr
                        : cidr + (cidr.contains(":") ? "/128" : "/32"), IpFilterRuleType.ACCEPT);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("ringline.gateway.source-limit." + property
                        + ": not a CIDR: " + cidr, e);
            }
        }).toList();
    }
}
