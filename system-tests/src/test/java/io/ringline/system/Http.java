package io.ringline.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A black-box HTTP client for the system tests: plain JDK HTTP, JSON in and out. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    // Plain HTTP/1.1: the JDK client would otherwise try an h2c upgrade the services do not offer.
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private Http() {
    }

    static Response get(String url, Map<String, String> headers) {
        return send("GET", url, headers, null);
    }

    static Response post(String url, Map<String, String> headers, Object body) {
        return send("POST", url, headers, body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    static Response put(String url, Object body) {
        return send("PUT", url, Map.of(), JSON.writeValueAsString(body));
    }

    static Response send(String method, String url, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
