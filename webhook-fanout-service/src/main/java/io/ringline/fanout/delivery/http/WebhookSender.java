package io.ringline.fanout.delivery.http;

import io.ringline.fanout.delivery.AttemptResult;
import io.ringline.fanout.delivery.RetryAfterParser;
import io.ringline.fanout.delivery.WebhookSignature;
import io.ringline.platform.net.DestinationRefusedException;
import io.ringline.platform.web.BodyBytes;
import io.ringline.fanout.guard.WebhookUrlPolicy;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Sends one signed webhook and reports what happened; never fails (every problem becomes an
 * {@link AttemptResult}). The whole attempt — connect, response, reading at most
 * {@code maxResponseBytes} of the body — has one time budget; redirects are not followed.
 */
public class WebhookSender {

    static final String USER_AGENT = "Ringline-Webhooks/1";
    static final String COULD_NOT_CONNECT = "could not connect";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WebhookSender.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final WebClient webClient;
    private final WebhookUrlPolicy urlPolicy;
    private final Duration timeout;
    private final int maxResponseBytes;
    private final Clock clock;

    /** @param webClient configured with the network guard, no redirects and the connect/response timeouts */
    public WebhookSender(WebClient webClient, WebhookUrlPolicy urlPolicy, Duration timeout, int maxResponseBytes,
            Clock clock) {
        this.webClient = webClient;
        this.urlPolicy = urlPolicy;
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
        this.clock = clock;
    }

    public Mono<AttemptResult> send(OutgoingWebhook webhook) {
        return Mono.defer(() -> {
            Instant start = clock.instant();
            long startNanos = System.nanoTime();
            URI uri;
            try {
                uri = URI.create(webhook.url());
            } catch (IllegalArgumentException e) {
                return Mono.just(AttemptResult.failure(start, Duration.ZERO, "invalid URL"));
            }
            if (!urlPolicy.schemeAllowed(uri.getScheme())) {
                return Mono.just(AttemptResult.failure(start, Duration.ZERO,
                        "destination refused: only https is allowed"));
            }
            long timestamp = start.getEpochSecond();
            return webClient.post()
                    .uri(uri)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("webhook-id", webhook.webhookId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signatures(webhook, timestamp))
                    .header(HttpHeaders.USER_AGENT, USER_AGENT)
                    .bodyValue(webhook.body().getBytes(StandardCharsets.UTF_8))
                    .exchangeToMono(response -> excerpt(response).map(text -> AttemptResult.response(start,
                            elapsed(startNanos), response.statusCode().value(), text,
                            RetryAfterParser.parse(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER),
                                    clock.instant()).orElse(null))))
                    .timeout(timeout)
                    .onErrorResume(e -> Mono.just(AttemptResult.failure(start, elapsed(startNanos), describe(e))));
        });
    }

    /** Standard Webhooks: several signatures are space-separated; a receiver accepts the message if one matches. */
    private static String signatures(OutgoingWebhook webhook, long timestamp) {
        return webhook.secrets().stream()
                .map(secret -> WebhookSignature.sign(secret, webhook.webhookId(), timestamp, webhook.body()))
                .collect(java.util.stream.Collectors.joining(" "));
    }

    /** Reads at most {@code maxResponseBytes}; the rest is never read (the connection is dropped instead). */
    private Mono<String> excerpt(ClientResponse response) {
        return BodyBytes.headAsText(response.bodyToFlux(DataBuffer.class), maxResponseBytes).map(WebhookSender::clean);
    }

    private Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * A short, log-safe reason the tenant reads in the attempt log; never includes the URL (it may carry tokens in
     * its query). A destination the guard refuses, a name that does not resolve and a refused connection all read
     * {@link #COULD_NOT_CONNECT}: anything finer would tell a tenant which names exist inside our network and where
     * they lead (the detail is logged for operators).
     */
    static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DestinationRefusedException refused) {
                log.info("webhook destination refused by the address guard: {}", refused.getMessage());
                return COULD_NOT_CONNECT;
            }
            if (t instanceof TimeoutException || t instanceof io.netty.handler.timeout.ReadTimeoutException) {
                return "timed out";
            }
            if (t instanceof io.netty.channel.ConnectTimeoutException) {
                return "connect timed out";
            }
            if (t instanceof UnknownHostException || t instanceof ConnectException) {
                return COULD_NOT_CONNECT;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return clean(message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message);
    }

    /** PostgreSQL text cannot hold NUL; a receiver's binary garbage must not break the attempt log. */
    private static String clean(String text) {
        return text.replace('\u0000', '\uFFFD');
    }
}
