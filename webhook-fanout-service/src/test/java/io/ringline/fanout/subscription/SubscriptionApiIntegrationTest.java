package io.ringline.fanout.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.platform.crypto.SecretBox;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The internal subscription API (docs/internal-apis.md) over real HTTP and PostgreSQL. */
@SuppressWarnings("unchecked")
class SubscriptionApiIntegrationTest extends FanoutIntegrationTest {

    @Autowired
    SecretBox secretBox;

    @Test
    void createAnswers201WithTheWebhookObjectAndAWhsecSecretShownOnlyThen() {
        String tenant = newTenant();
        Map<String, Object> created = subscribe(tenant, "https://hooks.example.com/in", List.of("call.ended", "*"),
                List.of("num_1"));

        assertThat((String) created.get("id")).startsWith("wh_");
        assertThat(created).containsEntry("tenantId", tenant).containsEntry("name", "test")
                .containsEntry("url", "https://hooks.example.com/in").containsEntry("environment", "LIVE")
                .containsEntry("events", List.of("call.ended", "*")).containsEntry("active", true)
                .containsEntry("whatsappNumberIds", List.of("num_1")).containsEntry("lastTriggered", null)
                .containsKeys("createdAt", "updatedAt");
        String secret = (String) created.get("secret");
        assertThat(secret).startsWith("whsec_");
        int keyLength = Base64.getDecoder().decode(secret.substring("whsec_".length())).length;
        assertThat(keyLength).isBetween(24, 32);

        String id = (String) created.get("id");
        String single = api().get().uri("/internal/tenants/{t}/webhooks/{id}", tenant, id).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String list = api().get().uri("/internal/tenants/{t}/webhooks", tenant).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String patched = api().patch().uri("/internal/tenants/{t}/webhooks/{id}", tenant, id)
                .bodyValue(Map.of("name", "renamed")).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        for (String body : List.of(single, list, patched)) {
            assertThat(body).doesNotContain(secret).doesNotContain(secret.substring(6)).doesNotContain("secret");
        }

        String stored = db.sql("SELECT secret_encrypted FROM subscription WHERE id = $1").bind(0, id)
                .map(row -> row.get(0, String.class)).one().block(Duration.ofSeconds(10));
        assertThat(stored).doesNotContain(secret.substring(6)).startsWith("v2.");
        assertThat(secretBox.decrypt(stored)).isEqualTo(secret);
    }

    @Test
    void listIsABareArrayAndNumberIdShowsOnlyThatNumbersWebhooks() {
        String tenant = newTenant();
        String a = (String) subscribe(tenant, "https://a.example.com", List.of("*"), List.of("num_a")).get("id");
        String ab = (String) subscribe(tenant, "https://ab.example.com", List.of("*"), List.of("num_a", "num_b")).get("id");
        String all = (String) subscribe(tenant, "https://all.example.com", List.of("*"), List.of()).get("id");
        subscribe(newTenant(), "https://other.example.com", List.of("*"), List.of("num_a"));

        api().get().uri("/internal/tenants/{t}/webhooks", tenant).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(3).jsonPath("$[*].id").value(ids ->
                        assertThat((List<Object>) ids).containsExactly(a, ab, all));
        api().get().uri("/internal/tenants/{t}/webhooks?numberId=num_a", tenant).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[*].id").value(ids -> assertThat((List<Object>) ids).containsExactly(a, ab));
        // Tenant-wide webhooks carry other numbers' events: not visible to a number-scoped caller.
        api().get().uri("/internal/tenants/{t}/webhooks/{id}?numberId=num_a", tenant, all).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("WEBHOOK_NOT_FOUND");
        api().delete().uri("/internal/tenants/{t}/webhooks/{id}?numberId=num_b", tenant, a).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void patchChangesOnlyWhatIsGivenAndEventsReplaceTheList() {
        String tenant = newTenant();
        String id = (String) subscribe(tenant, "https://a.example.com", List.of("call.ringing"), List.of()).get("id");

        api().patch().uri("/internal/tenants/{t}/webhooks/{id}", tenant, id)
                .bodyValue(Map.of("events", List.of("call.ended"), "active", false, "whatsappNumberIds", List.of("n1")))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.events").isEqualTo(List.of("call.ended"))
                .jsonPath("$.active").isEqualTo(false)
                .jsonPath("$.whatsappNumberIds").isEqualTo(List.of("n1"))
                .jsonPath("$.url").isEqualTo("https://a.example.com")
                .jsonPath("$.name").isEqualTo("test");
        api().patch().uri("/internal/tenants/{t}/webhooks/{id}", tenant, id)
                .bodyValue(Map.of("url", "https://b.example.com/x", "name", "n")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.url").isEqualTo("https://b.example.com/x").jsonPath("$.active").isEqualTo(false)
                .jsonPath("$.events").isEqualTo(List.of("call.ended"));
    }

    @Test
    void deleteRemovesItAndOtherTenantsCannotSeeOrTouchIt() {
        String tenant = newTenant();
        String id = (String) subscribe(tenant, "https://a.example.com", List.of("*"), List.of()).get("id");

        api().get().uri("/internal/tenants/{t}/webhooks/{id}", newTenant(), id).exchange().expectStatus().isNotFound();
        api().delete().uri("/internal/tenants/{t}/webhooks/{id}", newTenant(), id).exchange().expectStatus().isNotFound();
        api().delete().uri("/internal/tenants/{t}/webhooks/{id}", tenant, id).exchange().expectStatus().isNoContent();
        api().get().uri("/internal/tenants/{t}/webhooks/{id}", tenant, id).exchange().expectStatus().isNotFound();
    }

    @Test
    void invalidRequestsAre400NamingTheField() {
        String tenant = newTenant();
        expectInvalid(tenant, Map.of("events", List.of("*")), "url");
        expectInvalid(tenant, Map.of("url", "ftp://x.example.com", "events", List.of("*")), "url");
        expectInvalid(tenant, Map.of("url", "https://x.example.com"), "events");
        expectInvalid(tenant, Map.of("url", "https://x.example.com", "events", List.of("call.exploded")), "events");
        expectInvalid(tenant, Map.of("url", "https://x.example.com", "events", List.of("*"), "whatsappNumberIds",
                List.of(" ")), "whatsappNumberIds");
        expectInvalid(tenant, Map.of("url", "https://x.example.com", "events", List.of("*"), "name", "n".repeat(101)),
                "name");
        api().post().uri("/internal/tenants/{t}/webhooks", tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"url\": \"https://x.example.com\", \"events\": \"*\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_REQUEST").jsonPath("$.error").value(
                        m -> assertThat((String) m).contains("events"));
        String id = (String) subscribe(tenant, "https://a.example.com", List.of("*"), List.of()).get("id");
        api().patch().uri("/internal/tenants/{t}/webhooks/{id}", tenant, id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"active\": \"maybe\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_REQUEST").jsonPath("$.error").value(
                        m -> assertThat((String) m).contains("active"));
        assertThat(count("SELECT count(*) FROM subscription WHERE tenant_id = $1", tenant)).isEqualTo(1);
    }

    @Test
    void internalRoutesRequireTheInternalToken() {
        WebTestClient anonymous = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        anonymous.get().uri("/internal/tenants/t/webhooks").exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("UNAUTHORIZED");
        anonymous.get().uri("/internal/tenants/t/webhooks").header("x-internal-token", "wrong").exchange()
                .expectStatus().isUnauthorized();
        anonymous.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    private void expectInvalid(String tenant, Map<String, Object> body, String field) {
        api().post().uri("/internal/tenants/{t}/webhooks", tenant).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.code").isEqualTo("INVALID_REQUEST")
                .jsonPath("$.details.field").isEqualTo(field);
    }
}
