package io.ringline.gateway.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spellings of one GO address are one instance; anything that reaches another server or path is not. */
class GoInstanceIdentityTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "http://go.example,             http://go.example",
            "HTTP://GO.Example,             http://go.example",
            "http://go.example:80,          http://go.example",
            "https://go.example:443,        https://go.example",
            "http://go.example/,            http://go.example",
            "http://go.example.,            http://go.example",
            "http://go.example:8081/,       http://go.example:8081",
            "https://go.example/base//,     https://go.example/base",
            "http://10.0.0.7:80/,           http://10.0.0.7",
            "http://[::1]:8080,             http://[::1]:8080"})
    void spellingsOfOneAddressNormalizeAlike(String given, String normalized) {
        assertThat(GoInstanceIdentity.normalizedBaseUrl(URI.create(given))).isEqualTo(normalized);
        assertThat(GoInstanceIdentity.key(URI.create(given), "sales"))
                .isEqualTo(GoInstanceIdentity.key(URI.create(normalized), "sales"));
    }

    @ParameterizedTest(name = "{0} is not {1}")
    @CsvSource({
            "http://go.example,         https://go.example",
            "http://go.example:8080,    http://go.example",
            "https://go.example:80,     https://go.example",
            "http://go.example/a,       http://go.example/b",
            "http://go.example/Base,    http://go.example/base",
            "http://go-1.example,       http://go-2.example"})
    void differentAddressesAreDifferentInstances(String one, String other) {
        assertThat(GoInstanceIdentity.key(URI.create(one), "sales"))
                .isNotEqualTo(GoInstanceIdentity.key(URI.create(other), "sales"));
    }

    @ParameterizedTest(name = "instance {0} is not {1}")
    @CsvSource({"sales, Sales", "sales, sales-2"})
    void theInstanceNameIsPartOfTheIdentityAsGiven(String one, String other) {
        URI go = URI.create("http://go.example");
        assertThat(GoInstanceIdentity.key(go, one)).isNotEqualTo(GoInstanceIdentity.key(go, other));
    }
}
