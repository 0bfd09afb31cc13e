package io.ringline.testsupport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.testsupport.http.RecordingHttpReceiver.Received;
import io.ringline.testsupport.http.RecordingHttpReceiver.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

/** The receiver records what it is sent and answers as told: per path, per request number, held or delayed. */
class RecordingHttpReceiverTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void recordsMethodPathHeadersAndBodyAndAnswers200ByDefault() throws Exception {
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            HttpResponse<String> response = post(receiver.url("/hooks/a?x=1"), "{\"n\":1}", Map.of("Webhook-Id", "msg_1"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok");
            Received received = receiver.awaitReceived(1, DEADLINE).getFirst();
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.path()).isEqualTo("/hooks/a?x=1");
            assertThat(received.body()).isEqualTo("{\"n\":1}");
            assertThat(received.header("webhook-id")).isEqualTo("msg_1");
            assertThat(received.header("WEBHOOK-ID")).isEqualTo("msg_1");
            assertThat(received.headers()).containsKey("webhook-id");
            assertThat(receiver.connectionsAccepted()).isEqualTo(1);
        }
    }

    @Test
    void answersAPathWithItsOwnReplyAndOtherRequestsByTheirNumber() throws Exception {
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            receiver.answering(n -> n == 1 ? Reply.status(500) : Reply.status(204))
                    .answering("/down", Reply.status(503, Map.of("retry-after", "7")));

            HttpResponse<String> down = post(receiver.url("/down?attempt=1"), "", Map.of());
            HttpResponse<String> second = post(receiver.url("/up"), "", Map.of());
            HttpResponse<String> third = post(receiver.url("/up"), "", Map.of());

            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("retry-after")).hasValue("7");
            assertThat(second.statusCode()).isEqualTo(204);
            assertThat(third.statusCode()).isEqualTo(204);
            assertThat(receiver.received(r -> r.path().equals("/up"))).hasSize(2);
        }
    }

    @Test
    void holdsARequestOpenUntilItsGateOpens() throws Exception {
        Sinks.Empty<Void> gate = Sinks.empty();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver().answering(n -> Reply.okAfter(gate.asMono()))) {
            CompletableFuture<HttpResponse<String>> answer = postAsync(receiver.url(), "held");

            receiver.awaitReceived(1, DEADLINE);
            assertThat(receiver.inFlight()).isEqualTo(1);
            assertThat(answer).isNotDone();

            gate.tryEmitEmpty();
            assertThat(answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(receiver.maxConcurrent()).isEqualTo(1);
        }
    }

    @Test
    void aDelayedReplyIsSentLater() throws Exception {
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()
                .answering("/slow", Reply.status(202).after(Duration.ofSeconds(3)))) {
            CompletableFuture<HttpResponse<String>> answer = postAsync(receiver.url("/slow"), "x");

            receiver.awaitReceived(1, DEADLINE);
            assertThat(answer).as("answered before its delay").isNotDone();
            assertThat(answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        }
    }

    @Test
    void listensOnTheLoopbackAddressItIsGiven() throws Exception {
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver("127.0.0.2")) {
            assertThat(receiver.url("/p")).startsWith("http://127.0.0.2:");
            assertThat(post(receiver.url("/p"), "", Map.of()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void awaitingRequestsThatNeverComeFailsAtTheDeadline() {
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            assertThatThrownBy(() -> receiver.awaitReceived(1, Duration.ofMillis(300)))
                    .isInstanceOf(ConditionTimeoutException.class);
            assertThat(receiver.received()).isEqualTo(List.of());
        }
    }

    private HttpResponse<String> post(String url, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(DEADLINE)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String url, String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
