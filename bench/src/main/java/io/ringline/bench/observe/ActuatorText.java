package io.ringline.bench.observe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A service's {@code /actuator/prometheus} text, or null when it cannot be read: a meter's gap, not a failed run. */
final class ActuatorText {

    private ActuatorText() {
    }

    /** @param internalToken {@code x-internal-token}: the services' actuator beyond health asks for it */
    static String read(HttpClient http, String url, String internalToken) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("x-internal-token", internalToken).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
