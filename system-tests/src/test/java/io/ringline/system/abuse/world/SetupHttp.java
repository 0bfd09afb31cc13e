package io.ringline.system.abuse.world;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Well-formed JSON requests for setting the campaign's world up (not part of the abuse itself). */
final class SetupHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();
    // Plain HTTP/1.1: the JDK client would otherwise try an h2c upgrade the services do not offer.
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String body) {
        JsonNode json() {
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        }
    }

    private SetupHttp() {
    }

    static Answer send(String method, String url, Map<String, String> headers, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #send} but only a 2xx answer is acceptable. */
    static JsonNode ok(String method, String url, Map<String, String> headers, Object body) {
        Answer answer = send(method, url, headers, body);
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("setting up the campaign: " + method + " " + url + " → "
                    + answer.status() + " " + answer.body());
        }
        return answer.json();
    }
}
