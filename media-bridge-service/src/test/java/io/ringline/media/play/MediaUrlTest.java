package io.ringline.media.play;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.platform.web.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The media URL rule, row by row: scheme and host (with and without the development switch); any path. */
class MediaUrlTest {

    @ParameterizedTest(name = "{0} (allow http: {1}) → {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            https://cdn.example.com/greeting.mp3           | false | OK
            https://cdn.example.com/a/b/prompt.WAV?v=2     | false | OK
            https://cdn.example.com/x.ogg                  | false | OK
            https://cdn.example.com/x.opus#t=1             | false | OK
            http://cdn.example.com/greeting.mp3            | false | must be an https URL
            http://localhost:9000/greeting.mp3             | true  | OK
            https://localhost/greeting.mp3                 | false | must not point at a local, private or reserved address
            https://127.0.0.1/greeting.mp3                 | false | must not point at a local, private or reserved address
            https://169.254.169.254/latest.mp3             | false | must not point at a local, private or reserved address
            https://[::1]/greeting.mp3                     | false | must not point at a local, private or reserved address
            https://10.0.0.7/greeting.mp3                  | false | must not point at a local, private or reserved address
            https://93.184.216.34/greeting.mp3             | false | OK
            ftp://cdn.example.com/greeting.mp3             | true  | must be an https URL
            file:///etc/passwd.mp3                         | true  | must be an https URL
            https://cdn.example.com/greeting.txt           | false | OK
            https://cdn.example.com/greeting               | false | OK
            https://cdn.example.com/mp3.d/greeting         | false | OK
            https://cdn.example.com/x.php?f=a.mp3          | false | OK
            https://bucket.s3.example.com/a1b2?X-Sig=abc   | false | OK
            https://user:pw@cdn.example.com/greeting.mp3   | false | must name a host and carry no credentials
            https:///greeting.mp3                          | false | must name a host and carry no credentials
            'not a url'                                    | false | is not a valid URL
            ''                                             | false | is required
            NULL                                           | false | is required
            """)
    void row(String url, boolean allowHttp, String expected) {
        if (expected.equals("OK")) {
            assertThat(MediaUrl.parse(url, allowHttp).uri().toString()).isEqualTo(url.trim());
            return;
        }
        assertThatThrownBy(() -> MediaUrl.parse(url, allowHttp))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("INVALID_REQUEST");
                    assertThat(e.details()).containsEntry("field", "mediaUrl").containsEntry("problem", expected);
                });
    }
}
