package io.ringline.bench.observe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * How many webhooks the simulated Evolution GO sent that the gateway did not take (a non-2xx answer or no answer),
 * from the sandbox's {@code ringline.sandbox.webhooks.sent} counter. Evolution GO fires each webhook once, so each of
 * these is a provider signal the platform refused at its edge — visibly, with a 503 when it sheds load — and never
 * saw; the event it would have caused (at most one tenant webhook) is not the platform losing work it had accepted.
 */
public final class RefusedProviderWebhooks {

    private static final String METRIC = "ringline_sandbox_webhooks_sent_total{";
    private static final String EVO_GO = "provider=\"evo_go\"";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI prometheus;

    public RefusedProviderWebhooks(String sandboxUrl) {
        this.prometheus = URI.create(sandboxUrl + "/actuator/prometheus");
    }

    /** The count so far; read it before and after a scenario. */
    public long count() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(prometheus)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the sandbox's " + prometheus + " answered " + response.statusCode());
            }
            return count(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("could not read the sandbox's " + prometheus, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code rejected} and {@code failed} attempts of {@code provider="evo_go"} (not {@code delivered}, nor
     * {@code dropped}: those the sandbox's own fault switch kept from being sent). */
    static long count(String prometheusText) {
        double refused = 0;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(METRIC) && line.contains(EVO_GO)
                    && (line.contains("outcome=\"rejected\"") || line.contains("outcome=\"failed\""))) {
                refused += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Math.round(refused);
    }
}
