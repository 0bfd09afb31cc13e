package io.ringline.fanout.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Creation-time URL rules, with the development switch off and on. */
class WebhookUrlPolicyTest {

    @ParameterizedTest(name = "{0} (private allowed: {1}) → {2}")
    @CsvSource(delimiter = '|', value = {
            "https://hooks.example.com/in?x=1 | false | ",
            "https://93.184.216.34/in        | false | ",
            "http://hooks.example.com/in     | false | must use https",
            "http://hooks.example.com/in     | true  | ",
            "http://127.0.0.1:8080/in        | true  | ",
            "https://127.0.0.1/in            | false | loopback",
            "https://10.0.0.8/in             | false | private",
            "https://[::1]/in                | false | loopback",
            "https://[::ffff:192.168.0.1]/   | false | private",
            "https://localhost/in            | false | local or internal",
            "https://metadata.internal/      | false | local or internal",
            "ftp://hooks.example.com/        | true  | absolute https URL",
            "/relative/path                  | true  | absolute https URL",
            "https://user:pw@hooks.example.com/ | true | credentials",
            "https://hooks.example.com/#frag | true  | fragment",
            "https://exa mple.com/           | true  | not a valid URL"})
    void judges(String url, boolean allowPrivate, String problem) {
        var result = new WebhookUrlPolicy(allowPrivate).problem(url);
        if (problem == null) {
            assertThat(result).isEmpty();
        } else {
            assertThat(result).hasValueSatisfying(p -> assertThat(p).contains(problem));
        }
    }

    @ParameterizedTest(name = "scheme {0} with private allowed={1} → {2}")
    @CsvSource({"https, false, true", "http, false, false", "http, true, true", "HTTPS, false, true", "ftp, true, false"})
    void schemesAtDeliveryTime(String scheme, boolean allowPrivate, boolean allowed) {
        assertThat(new WebhookUrlPolicy(allowPrivate).schemeAllowed(scheme)).isEqualTo(allowed);
    }
}
