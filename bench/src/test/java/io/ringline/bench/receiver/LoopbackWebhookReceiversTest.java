package io.ringline.bench.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Tenant endpoints are spread over distinct loopback hosts, every one of which answers through the same routes. */
class LoopbackWebhookReceiversTest {

    @Test
    void endpointUrlsNameDistinctLoopbackHostsThatAllReachTheRoutes() throws Exception {
        try (LoopbackWebhookReceivers receiver = LoopbackWebhookReceivers.start()) {
            Set<String> paths = ConcurrentHashMap.newKeySet();
            receiver.route("r", (path, headers, body, arrival) -> {
                paths.add(path);
                return LoopbackWebhookReceivers.Answer.OK;
            });
            Set<String> hosts = IntStream.range(0, LoopbackWebhookReceivers.ENDPOINT_HOSTS)
                    .mapToObj(n -> URI.create(receiver.url(n)).getHost()).collect(Collectors.toSet());
            assertThat(hosts).hasSize(LoopbackWebhookReceivers.ENDPOINT_HOSTS)
                    .allMatch(h -> h.startsWith("127.0.0.") && !h.equals("127.0.0.1"));
            assertThat(receiver.url(LoopbackWebhookReceivers.ENDPOINT_HOSTS)).isEqualTo(receiver.url(0));

            HttpClient http = HttpClient.newHttpClient();
            for (int n = 0; n < LoopbackWebhookReceivers.ENDPOINT_HOSTS; n++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(receiver.url(n) + "/r/" + n))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
            }
            assertThat(paths).hasSize(LoopbackWebhookReceivers.ENDPOINT_HOSTS);
            assertThat(receiver.unrouted()).isZero();
        }
    }
}
