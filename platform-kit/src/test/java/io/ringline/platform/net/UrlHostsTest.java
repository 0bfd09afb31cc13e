package io.ringline.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hosts refused as written, before any DNS; names pass (the connect-time guard judges them). */
class UrlHostsTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "localhost", "LOCALHOST.", "api.localhost", "printer.local",
            "metadata.google.internal", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
            "[::1]", "[::ffff:127.0.0.1]", "[fd00::1]", "[fe80::1]", "2130706433", "127.1", "0x7f000001",
            "100.64.0.1", "224.0.0.1"})
    void refused(String host) {
        assertThat(UrlHosts.refusal(host)).as(host).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"go.example.com", "graph.facebook.com", "93.184.216.34", "[2606:2800:220:1::1]",
            "sandbox.ringline.test"})
    void passed(String host) {
        assertThat(UrlHosts.refusal(host)).as(host).isEmpty();
    }
}
