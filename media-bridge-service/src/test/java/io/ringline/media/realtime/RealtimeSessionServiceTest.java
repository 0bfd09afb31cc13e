package io.ringline.media.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.media.evogo.EvoGoMediaClient.UpstreamSession;
import io.ringline.platform.web.ApiException;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RealtimeSessionServiceTest {

    @ParameterizedTest(name = "{0} + token {1} → {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            ws://go:8090/evogo/i1/call/media/realtime/ws?token=abc | abc  | ws://go:8090/evogo/i1/call/media/realtime/ws?token=abc
            ws://go:8090/ws?a=1&token=abc                          | abc  | ws://go:8090/ws?a=1&token=abc
            ws://go:8090/ws                                        | t+1  | ws://go:8090/ws?token=t%2B1
            ws://go:8090/ws?a=1                                    | t    | ws://go:8090/ws?a=1&token=t
            ws://go:8090/ws                                        | NULL | ws://go:8090/ws
            """)
    void theUpstreamUrlCarriesGosToken(String wsUrl, String token, String expected) {
        assertThat(RealtimeSessionService.upstreamUri(new UpstreamSession(wsUrl, token, 60)).toString())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} (dev switch {1}) → {2}")
    @CsvSource(textBlock = """
            wss://go.example.com/ws?token=a,          false, USED
            ws://go.example.com:8090/ws,               false, USED
            ws://127.0.0.1:8090/ws,                    true,  USED
            ws://127.0.0.1:8090/ws,                    false, REFUSED
            ws://localhost:8090/ws,                    false, REFUSED
            ws://169.254.169.254/latest/meta-data,     false, REFUSED
            ws://[::1]:8090/ws,                        false, REFUSED
            http://go.example.com/ws,                  false, REFUSED
            file:///etc/passwd,                        true,  REFUSED
            ws://user:pw@go.example.com/ws,            true,  REFUSED
            """)
    void gosWsUrlMustBeAWebSocketUrlOnAHostWeMayReach(String wsUrl, boolean allowPrivate, String expected) {
        URI uri = URI.create(wsUrl);
        if (expected.equals("USED")) {
            assertThat(RealtimeSessionService.usable(uri, allowPrivate)).isEqualTo(uri);
        } else {
            assertThatThrownBy(() -> RealtimeSessionService.usable(uri, allowPrivate))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(502);
                        assertThat(e.code()).isEqualTo("PROVIDER_ERROR");
                    });
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", textBlock = """
            NULL,   TALK
            talk,   TALK
            listen, LISTEN
            TALK,   REFUSED
            shout,  REFUSED
            '',     REFUSED
            """)
    void modes(String value, String expected) {
        if (expected.equals("REFUSED")) {
            assertThatThrownBy(() -> SessionMode.parse(value)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.details()).containsEntry("field", "mode"));
        } else {
            assertThat(SessionMode.parse(value)).isEqualTo(SessionMode.valueOf(expected));
        }
    }
}
