package io.ringline.examples.webhooks;

import com.sun.net.httpserver.HttpServer;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * A Ringline webhook endpoint in Java: every delivery is verified with the Standard Webhooks library
 * ({@code com.standardwebhooks:standardwebhooks}) before it is trusted. docs/webhooks.md shows it.
 */
public final class WebhookReceiver {

    private WebhookReceiver() {
    }

    /** Listens on {@code port} (0 = any); hands each verified delivery's webhook-id and raw body to {@code onEvent}. */
    public static HttpServer start(int port, String secret, BiConsumer<String, String> onEvent)
            throws IOException, EmptyWebhookSecretException {
        Webhook webhook = new Webhook(secret); // the whsec_… secret shown when the webhook was created
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8); // verify the raw body, before parsing
            }
            int status;
            try {
                webhook.verify(body, exchange.getRequestHeaders()); // signature (any of them) and timestamp
                onEvent.accept(exchange.getRequestHeaders().getFirst("webhook-id"), body); // dedupe on webhook-id
                status = 204;
            } catch (WebhookVerificationException e) {
                System.out.println("rejected: " + e.getMessage());
                status = 400;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    public static void main(String[] args) throws Exception {
        start(Integer.parseInt(System.getenv().getOrDefault("PORT", "3000")), System.getenv("RINGLINE_WEBHOOK_SECRET"),
                (id, body) -> System.out.println("verified " + id + " " + body));
    }
}
