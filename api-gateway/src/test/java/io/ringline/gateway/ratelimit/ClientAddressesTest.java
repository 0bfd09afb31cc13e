package io.ringline.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Which address a request counts against, with and without trusted proxies. */
class ClientAddressesTest {

    private final ClientAddresses direct = new ClientAddresses(List.of(), List.of());
    private final ClientAddresses proxied = new ClientAddresses(List.of("10.0.0.0/8", "192.168.1.7"), List.of());

    @Test
    void withoutTrustedProxiesTheConnectionsPeerCountsAndForwardedForIsIgnored() {
        assertThat(source(direct, "203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        assertThat(source(proxied, "203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void behindTrustedProxiesTheFirstUntrustedHopFromTheRightCounts() {
        // The client claims 1.1.1.1; its real address is what the first trusted proxy saw.
        assertThat(source(proxied, "10.0.0.2", "1.1.1.1, 198.51.100.4, 192.168.1.7")).isEqualTo("198.51.100.4");
        assertThat(source(proxied, "10.0.0.2", "198.51.100.4:5511")).isEqualTo("198.51.100.4");
        assertThat(source(proxied, "10.0.0.2", "[2001:db8::1]:443")).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void garbageInForwardedForCountsAgainstTheLastProxyThatSawIt() {
        assertThat(source(proxied, "10.0.0.2", "not-an-address, 10.9.9.9")).isEqualTo("10.9.9.9");
        assertThat(source(proxied, "10.0.0.2", "evil.example")).as("never a DNS lookup").isEqualTo("10.0.0.2");
        assertThat(source(proxied, "10.0.0.2", null)).isEqualTo("10.0.0.2");
    }

    @Test
    void ipv6SourcesShareABucketPerSlash64AndMappedIpv4IsIpv4() {
        assertThat(ClientAddresses.bucketOf(ClientAddresses.parse("2001:db8:1:2:aaaa::1")))
                .isEqualTo(ClientAddresses.bucketOf(ClientAddresses.parse("2001:db8:1:2:bbbb::9")))
                .isNotEqualTo(ClientAddresses.bucketOf(ClientAddresses.parse("2001:db8:1:3::1")));
        assertThat(ClientAddresses.bucketOf(ClientAddresses.parse("::ffff:198.51.100.4"))).isEqualTo("198.51.100.4");
    }

    @Test
    void exemptRangesAreRecognisedAndBadRangesRefusedAtStartup() {
        ClientAddresses withExempt = new ClientAddresses(List.of(), List.of("31.13.64.0/18"));
        assertThat(withExempt.isExempt(ClientAddresses.parse("31.13.80.1"))).isTrue();
        assertThat(withExempt.isExempt(ClientAddresses.parse("31.14.0.1"))).isFalse();

        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/99"), List.of()))
                .hasMessageContaining("trusted-proxies");
    }

    private static String source(ClientAddresses addresses, String peer, String forwardedFor) {
        var request = MockServerHttpRequest.get("/webhooks/meta")
                .remoteAddress(new InetSocketAddress(ClientAddresses.parse(peer), 40000));
        if (forwardedFor != null) {
            request = request.header(ClientAddresses.FORWARDED_FOR, forwardedFor);
        }
        InetAddress source = addresses.source(request.build());
        return source.getHostAddress();
    }
}
