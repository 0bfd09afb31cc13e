package io.ringline.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The address table, row by row: which destinations a webhook may connect to. */
class AddressPolicyTest {

    @ParameterizedTest(name = "{0} refused ({1})")
    @CsvSource({
            "127.0.0.1, loopback",
            "127.255.255.254, loopback",
            "0.0.0.0, unspecified",
            "10.1.2.3, private",
            "172.16.0.1, private",
            "172.31.255.255, private",
            "192.168.1.1, private",
            "169.254.169.254, link-local",
            "100.64.0.1, carrier-grade NAT",
            "100.127.255.255, carrier-grade NAT",
            "224.0.0.1, multicast",
            "239.255.255.250, multicast",
            "255.255.255.255, reserved",
            "240.0.0.1, reserved",
            "192.0.2.10, documentation",
            "198.18.0.1, benchmarking",
            "::1, loopback",
            "::, unspecified",
            "fe80::1, link-local",
            "fc00::1, unique-local",
            "fd12:3456:789a::1, unique-local",
            "ff02::1, multicast",
            "fec0::1, site-local",
            "2001:db8::1, documentation",
            "::ffff:127.0.0.1, loopback",
            "::ffff:10.0.0.1, private",
            "::ffff:169.254.169.254, link-local",
            "::127.0.0.1, IPv4 embedded in IPv6 is loopback",
            "::ffff:0:a00:1, IPv4 embedded in IPv6 is private",
            "64:ff9b::a9fe:a9fe, IPv4 embedded in IPv6 is link-local",
            "2002:7f00:1::1, IPv4 embedded in IPv6 is loopback",
            "2002:c0a8:101::1, IPv4 embedded in IPv6 is private",
            "2001:0:4136:e378:8000:63bf:80ff:fffe, IPv4 embedded in IPv6 is loopback"})
    void refuses(String address, String reason) throws Exception {
        assertThat(AddressPolicy.refusalReason(InetAddress.getByName(address))).hasValueSatisfying(
                r -> assertThat(r).contains(reason));
    }

    @ParameterizedTest(name = "{0} allowed")
    @CsvSource({
            "93.184.216.34",
            "8.8.8.8",
            "1.1.1.1",
            "100.63.255.255",
            "100.128.0.1",
            "172.15.255.255",
            "172.32.0.1",
            "192.169.0.1",
            "11.0.0.1",
            "2606:4700:4700::1111",
            "2a00:1450:4001:80b::200e",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1"})
    void allows(String address) throws Exception {
        assertThat(AddressPolicy.refusalReason(InetAddress.getByName(address))).isEmpty();
    }
}
