package io.ringline.fanout.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import io.ringline.fanout.delivery.AttemptResult;
import io.ringline.fanout.guard.WebhookUrlPolicy;
import io.ringline.fanout.subscription.WebhookSecret;
import io.ringline.platform.net.GuardedAddressResolverGroup;
import io.ringline.testsupport.http.RecordingHttpReceiver;
import io.ringline.testsupport.http.RecordingHttpReceiver.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;

/** One attempt against a real HTTP server: headers, signature, body cap, redirects, timeouts. */
class WebhookSenderTest {

    private final ConnectionProvider connections = ConnectionProvider.create("sender-test", 8);
    private final RecordingHttpReceiver receiver = new RecordingHttpReceiver();
    private final WebhookSecret secret = WebhookSecret.generate();
    private final GuardedAddressResolverGroup guard = GuardedAddressResolverGroup.overSystemDns();

    @AfterEach
    void close() {
        receiver.close();
        connections.dispose();
        guard.close();
    }

    private WebhookSender sender(Duration timeout, boolean allowPrivate, int maxBytes) {
        return new WebhookSender(WebhookClients.create(connections, timeout, allowPrivate ? null : guard),
                new WebhookUrlPolicy(allowPrivate), timeout, maxBytes, Clock.systemUTC());
    }

    private Mono<AttemptResult> send(WebhookSender sender, String url) {
        return sender.send(new OutgoingWebhook(url, "evt_1", "{\"id\":\"evt_1\"}", secret));
    }

    @Test
    void postsTheSignedBodyWithTheStandardWebhooksHeaders() throws Exception {
        StepVerifier.create(send(sender(Duration.ofSeconds(5), true, 4096), receiver.url()))
                .assertNext(r -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.responseExcerpt()).isEqualTo("ok");
                    assertThat(r.error()).isNull();
                    assertThat(r.duration()).isPositive();
                })
                .verifyComplete();
        RecordingHttpReceiver.Received got = receiver.received().getFirst();
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.body()).isEqualTo("{\"id\":\"evt_1\"}");
        assertThat(got.header("webhook-id")).isEqualTo("evt_1");
        assertThat(got.header("user-agent")).isEqualTo("Ringline-Webhooks/1");
        assertThat(got.header("content-type")).isEqualTo("application/json");
        assertThat(Long.parseLong(got.header("webhook-timestamp")))
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(5L));
        new Webhook(secret.value()).verify(got.body(), got.headers());
    }

    @Test
    void attemptsOneAfterAnotherReuseOneKeptAliveConnection() {
        WebhookSender sender = sender(Duration.ofSeconds(5), true, 4096);
        for (int i = 0; i < 20; i++) {
            StepVerifier.create(send(sender, receiver.url()))
                    .assertNext(r -> assertThat(r.statusCode()).isEqualTo(200))
                    .verifyComplete();
        }
        assertThat(receiver.received()).hasSize(20);
        // Kept alive and pooled: a connection serves many attempts. (Not exactly 1: an attempt can finish before the
        // previous one's connection is back in the pool and then opens another; without keep-alive it would be 20.)
        assertThat(receiver.connectionsAccepted()).isLessThan(10);
    }

    @Test
    void keepsOnlyTheFirstBytesOfALargeResponse() {
        receiver.answering(n -> new Reply(500, Map.of(), "x".repeat(100_000), Mono.empty()));
        StepVerifier.create(send(sender(Duration.ofSeconds(5), true, 1024), receiver.url()))
                .assertNext(r -> {
                    assertThat(r.statusCode()).isEqualTo(500);
                    assertThat(r.responseExcerpt()).hasSize(1024);
                })
                .verifyComplete();
    }

    @Test
    void doesNotFollowRedirects() {
        receiver.answering(n -> Reply.status(302, Map.of("Location", receiver.url("/elsewhere"))));
        StepVerifier.create(send(sender(Duration.ofSeconds(5), true, 4096), receiver.url()))
                .assertNext(r -> assertThat(r.statusCode()).isEqualTo(302))
                .verifyComplete();
        assertThat(receiver.received()).extracting(RecordingHttpReceiver.Received::path).containsExactly("/hook");
    }

    @Test
    void anEndpointThatDoesNotAnswerTimesOut() {
        receiver.answering(n -> Reply.okAfter(Mono.never()));
        StepVerifier.create(send(sender(Duration.ofMillis(500), true, 4096), receiver.url()))
                .assertNext(r -> {
                    assertThat(r.statusCode()).isNull();
                    assertThat(r.error()).contains("timed out");
                    assertThat(r.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(450));
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void readsRetryAfter() {
        receiver.answering(n -> Reply.status(429, Map.of("Retry-After", "7")));
        StepVerifier.create(send(sender(Duration.ofSeconds(5), true, 4096), receiver.url()))
                .assertNext(r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(7)))
                .verifyComplete();
    }

    @Test
    void aConnectionFailureIsAResultNotAnError() {
        int closedPort = receiver.port();
        receiver.close();
        StepVerifier.create(send(sender(Duration.ofSeconds(5), true, 4096), "http://127.0.0.1:" + closedPort + "/hook"))
                .assertNext(r -> {
                    assertThat(r.statusCode()).isNull();
                    assertThat(r.error()).isEqualTo("could not connect");
                })
                .verifyComplete();
    }

    @Test
    void withoutTheDevelopmentSwitchPlainHttpAndLoopbackAreRefusedBeforeAnyByteIsSent() {
        WebhookSender guarded = sender(Duration.ofSeconds(5), false, 4096);
        StepVerifier.create(send(guarded, receiver.url()))
                .assertNext(r -> assertThat(r.error()).contains("only https"))
                .verifyComplete();
        // a refused destination reads like a closed port or an unknown name: nothing about where a name leads
        StepVerifier.create(send(guarded, "https://localhost:" + receiver.port() + "/hook"))
                .assertNext(r -> assertThat(r.error()).isEqualTo("could not connect"))
                .verifyComplete();
        StepVerifier.create(send(guarded, "https://127.0.0.1:" + receiver.port() + "/hook"))
                .assertNext(r -> assertThat(r.error()).isEqualTo("could not connect"))
                .verifyComplete();
        assertThat(receiver.received()).isEmpty();
    }
}
