package io.ringline.bench.campaign;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Blocking JSON requests for the campaign's load, made on virtual threads: any status is an answer (faults make many
 * of them 5xx), a connection failure or timeout is status 0.
 */
final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Status (0 = no answer) and body. */
    record Response(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }

        /** Worth trying again: no answer, or a 5xx / 429. */
        boolean transientFailure() {
            return status == 0 || status >= 500 || status == 429;
        }

        JsonNode json() {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final Duration timeout;

    Api(Duration timeout) {
        this.timeout = timeout;
    }

    HttpClient client() {
        return http;
    }

    Response send(String method, String url, Map<String, String> headers, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("content-type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(0, "interrupted");
        }
    }
}
