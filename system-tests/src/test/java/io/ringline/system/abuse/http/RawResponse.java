package io.ringline.system.abuse.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What came back for one raw request: a status, headers and body; or no answer at all (the server closed
 * the connection or did not answer in time). For a WebSocket upgrade, what the socket carried afterwards.
 *
 * @param status     HTTP status, or 0 when there was no answer
 * @param headers    lower-cased header names
 * @param noAnswer   why there is no answer (null when there is one)
 * @param webSocket  frames seen after a {@code 101}, or null
 */
public record RawResponse(int status, Map<String, List<String>> headers, byte[] body, String noAnswer,
        WebSocketOutcome webSocket) {

    /** After a successful upgrade: the close code the server sent (0: none) and the data frames before it. */
    public record WebSocketOutcome(int closeCode, int dataFrames, String detail) {
    }

    public static RawResponse none(String why) {
        return new RawResponse(0, Map.of(), new byte[0], why, null);
    }

    public boolean answered() {
        return noAnswer == null;
    }

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public RawResponse withWebSocket(WebSocketOutcome outcome) {
        return new RawResponse(status, headers, body, noAnswer, outcome);
    }
}
