package io.ringline.sandbox.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.ringline.sandbox.meta.webhook.HubSignature;
import io.ringline.sandbox.support.ProviderWebhookRecorder;
import io.ringline.sandbox.support.SandboxClient.MetaNumber;
import io.ringline.sandbox.support.SandboxTest;
import io.ringline.sandbox.support.TestPhones;
import io.ringline.testsupport.sdp.SdpFixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Calling settings and call permissions of the simulated Graph API. */
@SandboxTest
class MetaSettingsAndPermissionsTest extends MetaTestSupport {

    @Test
    void settingsStartEnabledAndTakePartialUpdates() {
        sandbox.graphGet(number, "/settings").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.calling.status").isEqualTo("ENABLED")
                .jsonPath("$.calling.call_icon_visibility").isEqualTo("DEFAULT")
                .jsonPath("$.calling.sip.status").isEqualTo("DISABLED");

        String holiday = LocalDate.now().plusDays(30).toString();
        sandbox.graphPost(number, "/settings", Map.of("calling", Map.of(
                        "call_icon_visibility", "DISABLE_ALL",
                        "call_hours", Map.of("status", "ENABLED", "timezone_id", "America/Sao_Paulo",
                                "weekly_operating_hours", List.of(
                                        Map.of("day_of_week", "MONDAY", "open_time", "0900", "close_time", "1200"),
                                        Map.of("day_of_week", "MONDAY", "open_time", "1300", "close_time", "1800")),
                                "holiday_schedule", List.of(
                                        Map.of("date", holiday, "start_time", "0000", "end_time", "2359"))))))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.success").isEqualTo(true);

        sandbox.graphGet(number, "/settings").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.calling.status").isEqualTo("ENABLED")
                .jsonPath("$.calling.call_icon_visibility").isEqualTo("DISABLE_ALL")
                .jsonPath("$.calling.call_hours.weekly_operating_hours.length()").isEqualTo(2)
                .jsonPath("$.calling.call_hours.holiday_schedule[0].date").isEqualTo(holiday);
    }

    @Test
    void callHoursAreValidatedLikeMeta() {
        Map<String, Object> overlapping = Map.of("status", "ENABLED", "timezone_id", "America/Sao_Paulo",
                "weekly_operating_hours", List.of(
                        Map.of("day_of_week", "MONDAY", "open_time", "0900", "close_time", "1300"),
                        Map.of("day_of_week", "MONDAY", "open_time", "1200", "close_time", "1800")));
        Map<String, Object> backwards = Map.of("status", "ENABLED", "timezone_id", "America/Sao_Paulo",
                "weekly_operating_hours", List.of(
                        Map.of("day_of_week", "TUESDAY", "open_time", "1800", "close_time", "0900")));
        Map<String, Object> threeRanges = Map.of("status", "ENABLED", "timezone_id", "UTC",
                "weekly_operating_hours", List.of(
                        Map.of("day_of_week", "FRIDAY", "open_time", "0800", "close_time", "0900"),
                        Map.of("day_of_week", "FRIDAY", "open_time", "1000", "close_time", "1100"),
                        Map.of("day_of_week", "FRIDAY", "open_time", "1200", "close_time", "1300")));
        Map<String, Object> pastHoliday = Map.of("status", "ENABLED", "timezone_id", "UTC",
                "weekly_operating_hours", List.of(
                        Map.of("day_of_week", "FRIDAY", "open_time", "0800", "close_time", "0900")),
                "holiday_schedule", List.of(Map.of("date", "2020-01-01", "start_time", "0000", "end_time", "2359")));
        Map<String, Object> noTimezone = Map.of("status", "ENABLED",
                "weekly_operating_hours", List.of(
                        Map.of("day_of_week", "FRIDAY", "open_time", "0800", "close_time", "0900")));

        Map.of(overlapping, "overlapping", backwards, "must open before it closes", threeRanges,
                        "more than 2", pastHoliday, "in the past", noTimezone, "timezone_id")
                .forEach((callHours, complaint) -> sandbox.graphPost(number, "/settings",
                                Map.of("calling", Map.of("call_hours", callHours)))
                        .expectStatus().isBadRequest()
                        .expectBody()
                        .jsonPath("$.error.code").isEqualTo(100)
                        .jsonPath("$.error.error_data.details").value(details ->
                                assertThat((String) details).contains(complaint)));
        sandbox.graphPost(number, "/settings", Map.of("calling", Map.of("status", "MAYBE")))
                .expectStatus().isBadRequest();
    }

    @Test
    void enablingSipTakesGraphCallingAway() {
        String user = TestPhones.random();
        sandbox.behaviour(user, Map.of("permission", "permanent", "onCall", "ignore"));
        sandbox.graphPost(number, "/settings", Map.of("calling", Map.of("sip", Map.of("status", "ENABLED"))))
                .expectStatus().isBadRequest();
        sandbox.graphPost(number, "/settings", Map.of("calling", Map.of("sip", Map.of("status", "ENABLED",
                        "servers", List.of(Map.of("hostname", "sip.example.com", "port", 5061))))))
                .expectStatus().isOk();

        sandbox.graphPost(number, "/calls", Map.of("messaging_product", "whatsapp", "to", user, "action", "connect",
                        "session", Map.of("sdp_type", "offer", "sdp", SdpFixtures.offer())))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.code").isEqualTo(131055);
        client.post().uri("/sandbox/users/{phone}/calls", user).bodyValue(Map.of("to", number.phone()))
                .exchange()
                .expectStatus().isEqualTo(409);
    }

    @Test
    void callingNeedsAMessagingLimitOfTwoThousand() {
        MetaNumber small = sandbox.provisionMeta(receiver.url("/webhooks/meta"), 1_000);

        sandbox.graphGet(small, "/settings").expectBody().jsonPath("$.calling.status").isEqualTo("DISABLED");
        sandbox.graphPost(small, "/settings", Map.of("calling", Map.of("status", "ENABLED")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.code").isEqualTo(138015);
        sandbox.graphPost(small, "/calls", Map.of("messaging_product", "whatsapp", "to", TestPhones.random(),
                        "action", "connect", "session", Map.of("sdp_type", "offer", "sdp", SdpFixtures.offer())))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.code").isEqualTo(138000);
    }

    @Test
    void permissionRequestIsAnsweredByTheUserAndLimited() {
        String user = TestPhones.random();
        sandbox.behaviour(user, Map.of("permission", "none", "afterMs", 20));
        sandbox.graphGet(number, "/call_permissions?user_wa_id=" + user).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.permission.status").isEqualTo("no_permission")
                .jsonPath("$.permission.expiration_time").doesNotExist()
                .jsonPath("$.actions[0].action_name").isEqualTo("send_call_permission_request")
                .jsonPath("$.actions[0].can_perform_action").isEqualTo(true)
                .jsonPath("$.actions[1].action_name").isEqualTo("start_call")
                .jsonPath("$.actions[1].can_perform_action").isEqualTo(false);

        sandbox.behaviour(user, Map.of("permission", "temporary", "afterMs", 20));
        sandbox.behaviour(user, Map.of("permission", "none", "afterMs", 20));
        String requestId = sandbox.graphPost(number, "/messages", permissionRequest(user))
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody()
                .path("messages").get(0).path("id").asString();
        assertThat(requestId).startsWith("wamid.");

        await().atMost(DEADLINE).until(() -> replies(user).size() == 1);
        ProviderWebhookRecorder.Webhook reply = replies(user).getFirst();
        assertThat(reply.headers().get("x-hub-signature-256"))
                .isEqualTo(HubSignature.sign(number.appSecret(), reply.body().getBytes(StandardCharsets.UTF_8)));
        JsonNode message = ProviderWebhookRecorder.metaValue(reply.json()).path("messages").get(0);
        assertThat(message.path("from").asString()).isEqualTo(user);
        assertThat(message.path("context").path("id").asString()).isEqualTo(requestId);
        assertThat(message.path("interactive").path("call_permission_reply").path("response").asString())
                .isEqualTo("reject");

        sandbox.graphPost(number, "/messages", permissionRequest(user))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.code").isEqualTo(138009);
        sandbox.graphGet(number, "/call_permissions?user_wa_id=" + user)
                .expectBody()
                .jsonPath("$.actions[0].can_perform_action").isEqualTo(false)
                .jsonPath("$.actions[0].limits[0].current_usage").isEqualTo(1)
                .jsonPath("$.actions[0].limits[0].limit_expiration_time").exists();
    }

    @Test
    void acceptedTemporaryPermissionLetsTheBusinessCall() {
        String user = TestPhones.random();
        sandbox.behaviour(user, Map.of("permission", "temporary", "afterMs", 20, "onCall", "ignore"));
        sandbox.graphPost(number, "/messages", permissionRequest(user)).expectStatus().isOk();

        await().atMost(DEADLINE).until(() -> replies(user).size() == 1);
        JsonNode reply = ProviderWebhookRecorder.metaValue(replies(user).getFirst().json()).path("messages").get(0)
                .path("interactive").path("call_permission_reply");
        assertThat(reply.path("response").asString()).isEqualTo("accept");
        assertThat(reply.path("is_permanent").asBoolean()).isFalse();
        long expires = reply.path("expiration_timestamp").asLong();
        assertThat(Instant.ofEpochSecond(expires)).isAfter(Instant.now().plus(Duration.ofDays(6)));

        sandbox.graphGet(number, "/call_permissions?user_wa_id=" + user)
                .expectBody()
                .jsonPath("$.permission.status").isEqualTo("temporary")
                .jsonPath("$.permission.expiration_time").isEqualTo(expires)
                .jsonPath("$.actions[1].can_perform_action").isEqualTo(true);
        sandbox.metaConnect(number, user, SdpFixtures.offer());
    }

    @Test
    void permanentPermissionCannotBeRequestedAgain() {
        String user = TestPhones.random();
        sandbox.behaviour(user, Map.of("permission", "permanent"));

        sandbox.graphPost(number, "/messages", permissionRequest(user))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.code").isEqualTo(138017);
        sandbox.graphPost(number, "/messages", Map.of("messaging_product", "whatsapp", "to", user, "type", "text",
                        "text", Map.of("body", "hi")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.code").isEqualTo(100);
    }

    private List<ProviderWebhookRecorder.Webhook> replies(String user) {
        return receiver.matching(r -> r.json() != null
                && "messages".equals(r.json().path("entry").path(0).path("changes").path(0).path("field").asString())
                && user.equals(ProviderWebhookRecorder.metaValue(r.json()).path("messages").path(0).path("from").asString()));
    }

    private static Map<String, Object> permissionRequest(String user) {
        return Map.of("messaging_product", "whatsapp", "recipient_type", "individual", "to", user,
                "type", "interactive", "interactive", Map.of("type", "call_permission_request",
                        "action", Map.of("name", "call_permission_request"),
                        "body", Map.of("text", "May we call you about your order?")));
    }
}
