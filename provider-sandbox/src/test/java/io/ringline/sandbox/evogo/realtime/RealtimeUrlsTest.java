package io.ringline.sandbox.evogo.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where {@code wsUrl} points, row by row: the request's own host and port, or the configured public base. */
class RealtimeUrlsTest {

    private static final RealtimeGrant GRANT =
            new RealtimeGrant("tok_en-1", "demo-go", "3EB0C767", RealtimeMode.TALK, Instant.EPOCH);

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            // public base URL, request URI, wsUrl
            "-, http://127.0.0.1:41234/evogo/demo-go/call/media/realtime/session,"
                    + " ws://127.0.0.1:41234/evogo/demo-go/call/media/realtime/ws?callId=3EB0C767&token=tok_en-1",
            "-, https://sandbox.example/evogo/demo-go/call/media/realtime/session?x=1,"
                    + " wss://sandbox.example/evogo/demo-go/call/media/realtime/ws?callId=3EB0C767&token=tok_en-1",
            "ws://sandbox:8090, http://10.0.0.5:41234/evogo/demo-go/call/media/realtime/session,"
                    + " ws://sandbox:8090/evogo/demo-go/call/media/realtime/ws?callId=3EB0C767&token=tok_en-1",
            "wss://edge.example/sandbox, http://10.0.0.5:41234/evogo/demo-go/call/media/realtime/session,"
                    + " wss://edge.example/sandbox/evogo/demo-go/call/media/realtime/ws?callId=3EB0C767&token=tok_en-1"
    })
    void wsUrl(String publicBaseUrl, String requestUri, String expected) {
        URI base = publicBaseUrl == null ? null : URI.create(publicBaseUrl);

        assertThat(RealtimeUrls.wsUrl(base, URI.create(requestUri), GRANT)).isEqualTo(expected);
    }
}
