package io.ringline.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The softphone's files are served without a key (the page asks for one), under a strict Content-Security-Policy,
 * and nothing else on the classpath is: {@code /chat/**} maps to {@code static/chat/} only.
 */
class ChatPageIntegrationTest extends GatewayIntegrationTest {

    @Test
    void thePageAndItsScriptsAreServedWithoutAKeyUnderAStrictPolicy() {
        for (String path : new String[] {"/chat", "/chat/", "/chat/index.html"}) {
            String html = http.get().uri(path).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectHeader().valueEquals("Content-Security-Policy", ChatPageHeaders.POLICY)
                    .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(html).as(path).contains("<script type=\"module\" src=\"/chat/app.js\"></script>");
        }
        String script = http.get().uri("/chat/app.js").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Content-Security-Policy", ChatPageHeaders.POLICY)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(script).contains("/v1/calls/events");
        http.get().uri("/chat/pair.html").exchange().expectStatus().isOk();
        http.get().uri("/chat/audio-worklet.js").exchange().expectStatus().isOk();
    }

    @Test
    void onlyTheSoftphonesOwnFilesAreServed() {
        http.get().uri("/chat/nothing-here.js").exchange().expectStatus().isNotFound();
        http.get().uri("/api-gateway.yml").exchange().expectStatus().isNotFound();
        http.get().uri("/static/chat/app.js").exchange().expectStatus().isNotFound();
        http.get().uri("/chat/db/migration/gateway/V1__tenants_numbers_api_keys.sql").exchange().expectStatus().isNotFound();
        assertThat(http.get().uri("/openapi.yaml").exchange().returnResult(String.class).getResponseHeaders()
                .getFirst("Content-Security-Policy")).as("the policy is the page's, not every answer's").isNull();
    }
}
