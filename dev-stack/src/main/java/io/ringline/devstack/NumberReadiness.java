package io.ringline.devstack;

import io.ringline.platform.ids.Ids;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until the call service knows a number that was just registered, so a dev stack that says it is ready can
 * place its first call. Numbers reach the call service through the numbers topic; until a number has arrived, a
 * command naming it is refused with {@code 503 NUMBER_NOT_READY} (docs/api.md). Right after start, while the call
 * service's consumers join their group, that can take longer than the call service's own wait for it
 * ({@code ringline.signaling.number-wait}, 5 s) — which is how a test placing a call right after start failed.
 *
 * <p>The probe is a terminate of a call that cannot exist: refused {@code 503} while the number (or the call
 * service itself) is not there yet, {@code 404 CALL_NOT_FOUND} once it is. It changes nothing either way. The
 * benchmark's seeder waits for its numbers the same way.
 */
public final class NumberReadiness {

    private final HttpClient http;
    private final String gateway;
    private final Duration within;
    private final Duration pause;

    public NumberReadiness(HttpClient http, String gateway, Duration within, Duration pause) {
        this.http = http;
        this.gateway = gateway;
        this.within = within;
        this.pause = pause;
    }

    /** Returns once the number of {@code numberKey} is callable; fails on any other answer or after the deadline. */
    public void await(String label, String numberKey) {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            HttpResponse<String> answer = probe(numberKey);
            int status = answer.statusCode();
            if (status == 404 && answer.body().contains("CALL_NOT_FOUND")) {
                return;
            }
            // 503: the number (NUMBER_NOT_READY) or the call service (SERVICE_UNAVAILABLE) is not there yet;
            // 504: the call service did not answer within the gateway's wait while its consumers were starting.
            if (status != 503 && status != 504) {
                throw new IllegalStateException("seeding failed: probing the " + label + " → " + status + " "
                        + answer.body());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("seeding failed: the " + label + " had not reached the call service"
                        + " within " + within + " (last answer " + status + " " + answer.body() + ")");
            }
            pause();
        }
    }

    private HttpResponse<String> probe(String numberKey) {
        URI uri = URI.create(gateway + "/v1/calls/" + Ids.newId("call") + "/terminate");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .header("x-api-key", numberKey).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("seeding failed: POST " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        }
    }
}
