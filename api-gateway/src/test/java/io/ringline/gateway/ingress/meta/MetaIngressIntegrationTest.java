package io.ringline.gateway.ingress.meta;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.gateway.support.Fixtures;
import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.gateway.support.TestInfra;
import io.ringline.platform.crypto.Hashing;
import io.ringline.schemas.avro.Provider;
import io.ringline.schemas.avro.ProviderSignal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

class MetaIngressIntegrationTest extends GatewayIntegrationTest {

    private static final String SECRET = "app-secret-value";

    @Autowired
    MeterRegistry meters;

    @Test
    void signedCallsWebhookBecomesOneDurableSignalCarryingMetasBodyByteForByte() {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());
        double acceptedBefore = webhooks("accepted");
        String value = connectValue(number.accountId(), "wacid.ABC1");
        byte[] body = envelope(change("calls", value));

        JsonNode answer = json(post(body, MetaSignature.sign(SECRET, body)), HttpStatus.OK);
        assertThat(answer.get("received").booleanValue()).isTrue();

        // Answered only after the broker's ack, so the record is there to be read.
        ProviderSignal signal = signalsOf(number, 1).getFirst();
        assertThat(signal.getKind()).isEqualTo("meta.calls");
        // One change in the body: the payload is Meta's envelope exactly as received (for the raw calls event).
        assertThat(signal.getPayloadJson().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(signal.getSignalId()).as("the call's timestamp in epoch ms, then the hash").isEqualTo("1671644824000_"
                + Hashing.sha256Hex(number.id() + "|meta.calls|" + signal.getPayloadJson()));
        assertThat(signal.getNumber().getNumberId()).isEqualTo(number.id());
        assertThat(signal.getNumber().getProvider()).isEqualTo(Provider.META);
        assertThat(signal.toString()).as("neither secret nor signature goes on Kafka")
                .doesNotContain(SECRET).doesNotContain(MetaSignature.sign(SECRET, body));
        assertThat(TestInfra.providerSignals().keyed(number.id()).getFirst().key()).isEqualTo(number.id());
        assertThat(webhooks("accepted")).isEqualTo(acceptedBefore + 1);
    }

    @Test
    void oneSignalPerChangeInBodyOrderAndPlainMessagesAreIgnored() {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());
        String status = "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"" + number.accountId()
                + "\"},\"statuses\":[{\"id\":\"wacid.S1\",\"type\":\"call\",\"status\":\"RINGING\"}]}";
        String permissionReply = "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\""
                + number.accountId() + "\"},\"messages\":[{\"from\":\"5511988887777\",\"type\":\"interactive\","
                + "\"interactive\":{\"type\":\"call_permission_reply\",\"call_permission_reply\":"
                + "{\"response\":\"accept\",\"is_permanent\":false}}}]}";
        String textMessage = "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\""
                + number.accountId() + "\"},\"messages\":[{\"from\":\"5511988887777\",\"type\":\"text\"}]}";
        byte[] body = envelope(change("calls", status), change("messages", textMessage),
                change("messages", permissionReply), change("calls", connectValue(number.accountId(), "wacid.S2")));

        json(post(body, MetaSignature.sign(SECRET, body)), HttpStatus.OK);

        List<ProviderSignal> signals = signalsOf(number, 3);
        assertThat(signals).extracting(ProviderSignal::getKind).containsExactly("meta.calls", "meta.messages",
                "meta.calls");
        assertThat(signals.get(0).getPayloadJson()).contains("wacid.S1").doesNotContain("wacid.S2");
        assertThat(signals.get(1).getPayloadJson()).contains("call_permission_reply").doesNotContain("wacid");
        assertThat(signals.get(2).getPayloadJson()).contains("wacid.S2").doesNotContain("wacid.S1");
        // Several changes: each travels in an envelope of its own, {object, entry:[{id, changes:[that change]}]}.
        JsonNode first = Fixtures.json(signals.get(0).getPayloadJson().getBytes(StandardCharsets.UTF_8));
        assertThat(first.path("object").asString()).isEqualTo("whatsapp_business_account");
        assertThat(first.path("entry")).hasSize(1);
        assertThat(first.path("entry").path(0).path("changes")).hasSize(1);
        assertThat(first.path("entry").path(0).path("changes").path(0).path("value"))
                .isEqualTo(Fixtures.json(status.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void onlyTextMessagesAreAcknowledgedAndIgnored() {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());
        double ignoredBefore = webhooks("ignored");
        byte[] body = envelope(change("messages", "{\"metadata\":{\"phone_number_id\":\"" + number.accountId()
                + "\"},\"messages\":[{\"type\":\"text\"}]}"));

        json(post(body, MetaSignature.sign(SECRET, body)), HttpStatus.OK);

        assertThat(webhooks("ignored")).isEqualTo(ignoredBefore + 1);
        assertOnlyMarkerFollows(number);
    }

    @Test
    void missingForgedOrForeignSignaturesAndUnknownNumbersAreRefusedAndProduceNothing() {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());
        String otherSecret = "other-secret-" + UUID.randomUUID();
        NumberFixture other = fixtures.metaNumber(fixtures.tenant(), otherSecret, "verify-" + UUID.randomUUID());
        double unauthorizedBefore = webhooks("unauthorized");
        byte[] body = envelope(change("calls", connectValue(number.accountId(), "wacid.FORGED")));
        byte[] unknown = envelope(change("calls", connectValue("pnid-unknown-" + UUID.randomUUID(), "wacid.U")));
        byte[] both = envelope(change("calls", connectValue(number.accountId(), "wacid.B1")),
                change("calls", connectValue(other.accountId(), "wacid.B2")));

        assertUnauthorized(post(body, null));
        assertUnauthorized(post(body, "sha256=" + "0".repeat(64)));
        assertUnauthorized(post(body, MetaSignature.sign("wrong-secret", body)));
        assertUnauthorized(post(body, MetaSignature.sign(otherSecret, body)));
        assertUnauthorized(post(body, "sha1=" + MetaSignature.sign(SECRET, body).substring(7)));
        assertUnauthorized(post(unknown, MetaSignature.sign(SECRET, unknown)));
        // A body naming two numbers must verify for each; a signature valid for one is not enough.
        assertUnauthorized(post(both, MetaSignature.sign(SECRET, both)));
        assertUnauthorized(post(both, MetaSignature.sign(otherSecret, both)));
        // The signature covers the raw bytes: the same JSON re-spaced does not verify.
        byte[] respaced = new String(body, StandardCharsets.UTF_8).replace(",", ", ").getBytes(StandardCharsets.UTF_8);
        assertUnauthorized(post(respaced, MetaSignature.sign(SECRET, body)));

        assertThat(webhooks("unauthorized")).isEqualTo(unauthorizedBefore + 9);
        assertOnlyMarkerFollows(number);
        assertOnlyMarkerFollows(other, otherSecret);
    }

    @Test
    void numbersOfOneMetaAppShareItsSecretAndOneSignatureCoversThemAll() {
        String appSecret = "shared-app-secret-" + UUID.randomUUID();
        var tenant = fixtures.tenant();
        NumberFixture first = fixtures.metaNumber(tenant, appSecret, "verify-" + UUID.randomUUID());
        NumberFixture second = fixtures.metaNumber(tenant, appSecret, "verify-" + UUID.randomUUID());
        NumberFixture third = fixtures.metaNumber(tenant, appSecret, "verify-" + UUID.randomUUID());
        byte[] body = envelope(change("calls", connectValue(first.accountId(), "wacid.M1")),
                change("calls", connectValue(second.accountId(), "wacid.M2")),
                change("calls", connectValue(third.accountId(), "wacid.M3")));

        json(post(body, MetaSignature.sign(appSecret, body)), HttpStatus.OK);

        assertThat(signalsOf(first, 1).getFirst().getPayloadJson()).contains("wacid.M1");
        assertThat(signalsOf(second, 1).getFirst().getPayloadJson()).contains("wacid.M2");
        assertThat(signalsOf(third, 1).getFirst().getPayloadJson()).contains("wacid.M3");
    }

    @Test
    void aBodyNamingMoreThanTenNumbersIsRefusedBeforeAnyNumberIsLookedUp() {
        String[] changes = new String[11];
        for (int i = 0; i < changes.length; i++) {
            changes[i] = change("calls", connectValue("pnid-flood-" + i + "-" + UUID.randomUUID(), "wacid.F" + i));
        }
        byte[] body = envelope(changes);

        // Unknown numbers would answer 401 after their lookups; the cap answers 400 before any.
        JsonNode error = json(post(body, MetaSignature.sign(SECRET, body)), HttpStatus.BAD_REQUEST);
        assertThat(error.get("code").stringValue()).isEqualTo("INVALID_REQUEST");
        assertThat(error.at("/details/field").stringValue()).isEqualTo("entry");
        assertThat(error.get("error").stringValue()).contains("more than 10 phone_number_ids");

        byte[] ten = envelope(java.util.Arrays.copyOf(changes, 10));
        assertUnauthorized(post(ten, MetaSignature.sign(SECRET, ten)));
    }

    @Test
    void malformedBodiesAreRefusedAs400() {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());
        double invalidBefore = webhooks("invalid");
        for (String body : List.of("{not json", "[]", "{\"object\":\"whatsapp_business_account\"}",
                "{\"entry\":[{\"changes\":[{\"field\":\"calls\"}]}]}",
                "{\"entry\":[{\"changes\":[{\"field\":\"calls\",\"value\":{\"calls\":[]}}]}]}")) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            JsonNode error = json(post(bytes, MetaSignature.sign(SECRET, bytes)), HttpStatus.BAD_REQUEST);
            assertThat(error.get("code").stringValue()).as(body).isEqualTo("INVALID_REQUEST");
        }
        assertThat(webhooks("invalid")).isEqualTo(invalidBefore + 5);
        assertOnlyMarkerFollows(number);
    }

    @Test
    void verificationHandshakeEchoesTheChallengeOnlyForAKnownVerifyToken() {
        String token = "verify-" + UUID.randomUUID();
        fixtures.metaNumber(fixtures.tenant(), "secret-" + UUID.randomUUID(), token);

        var ok = http.get().uri(uri -> uri.path("/webhooks/meta").queryParam("hub.mode", "subscribe")
                        .queryParam("hub.verify_token", token).queryParam("hub.challenge", "1158201444").build())
                .exchange();
        ok.expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class).isEqualTo("1158201444");

        http.get().uri(uri -> uri.path("/webhooks/meta").queryParam("hub.mode", "subscribe")
                        .queryParam("hub.verify_token", "wrong-" + token).queryParam("hub.challenge", "1").build())
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN").jsonPath("$.error").isNotEmpty();
        http.get().uri(uri -> uri.path("/webhooks/meta").queryParam("hub.mode", "unsubscribe")
                        .queryParam("hub.verify_token", token).queryParam("hub.challenge", "1").build())
                .exchange().expectStatus().isForbidden();
        http.get().uri("/webhooks/meta").exchange().expectStatus().isForbidden();
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static String connectValue(String phoneNumberId, String callId) {
        return "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"5511900000001\","
                + "\"phone_number_id\":\"" + phoneNumberId + "\"},\"contacts\":[{\"profile\":{\"name\":\"Maria\"},"
                + "\"wa_id\":\"5511988887777\"}],\"calls\":[{\"id\":\"" + callId + "\",\"to\":\"5511900000001\","
                + "\"from\":\"5511988887777\",\"event\":\"connect\",\"timestamp\":\"1671644824\","
                + "\"direction\":\"USER_INITIATED\",\"session\":{\"sdp_type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}}]}";
    }

    private static String change(String field, String value) {
        return "{\"field\":\"" + field + "\",\"value\":" + value + "}";
    }

    private static byte[] envelope(String... changes) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA1\",\"changes\":["
                + String.join(",", changes) + "]}]}").getBytes(StandardCharsets.UTF_8);
    }

    private WebTestClient.ResponseSpec post(byte[] body, String signature) {
        var request = http.post().uri("/webhooks/meta").contentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            request = request.header("X-Hub-Signature-256", signature);
        }
        return request.bodyValue(body).exchange();
    }

    private static void assertUnauthorized(WebTestClient.ResponseSpec response) {
        JsonNode error = json(response, HttpStatus.UNAUTHORIZED);
        assertThat(error.get("code").stringValue()).isEqualTo("UNAUTHORIZED");
    }

    /** Nothing was produced for the number before now: a valid webhook sent now is its first signal. */
    private void assertOnlyMarkerFollows(NumberFixture number) {
        assertOnlyMarkerFollows(number, SECRET);
    }

    private void assertOnlyMarkerFollows(NumberFixture number, String secret) {
        byte[] marker = envelope(change("calls", connectValue(number.accountId(), "wacid.MARKER")));
        json(post(marker, MetaSignature.sign(secret, marker)), HttpStatus.OK);
        List<ProviderSignal> signals = signalsOf(number, 1);
        assertThat(signals).hasSize(1);
        assertThat(signals.getFirst().getPayloadJson()).contains("wacid.MARKER");
    }

    private List<ProviderSignal> signalsOf(NumberFixture number, int expected) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> TestInfra.providerSignals().keyed(number.id()).stream()
                        .map(r -> (ProviderSignal) r.value()).toList(),
                s -> s.size() >= expected);
    }

    private double webhooks(String outcome) {
        var counter = meters.find("ringline.gateway.provider.webhooks").tag("provider", "META")
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
