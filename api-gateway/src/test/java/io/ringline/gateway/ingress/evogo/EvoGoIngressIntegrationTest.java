package io.ringline.gateway.ingress.evogo;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.gateway.support.TestInfra;
import io.ringline.platform.crypto.Hashing;
import io.ringline.schemas.avro.Provider;
import io.ringline.schemas.avro.ProviderSignal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

class EvoGoIngressIntegrationTest extends GatewayIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void authenticWebhookBecomesADurableProviderSignalKeyedByNumber() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        double acceptedBefore = webhooks("accepted");
        Map<String, Object> data = Map.of("CallID", "3EB0FACE", "CallCreator", "5511988887777@s.whatsapp.net",
                "From", "5511988887777@s.whatsapp.net", "Timestamp", "2025-03-01T10:00:00Z");

        JsonNode answer = json(post(Map.of("event", "CallOffer", "instanceName", number.instanceName(),
                "instanceToken", number.instanceToken(), "data", data)), HttpStatus.OK);
        assertThat(answer.get("received").booleanValue()).isTrue();

        // Answered only after the broker's ack, so the record is already there to be read.
        List<ProviderSignal> signals = signalsOf(number, 1);
        ProviderSignal signal = signals.getFirst();
        assertThat(signal.getKind()).isEqualTo("evogo.CallOffer");
        JsonNode payload = io.ringline.gateway.support.Fixtures.json(signal.getPayloadJson().getBytes());
        assertThat(payload.get("CallID").stringValue()).isEqualTo("3EB0FACE");
        assertThat(payload.get("CallCreator").stringValue()).isEqualTo("5511988887777@s.whatsapp.net");
        assertThat(signal.getSignalId()).as("GO's Timestamp in epoch ms, then the hash").isEqualTo("1740823200000_"
                + Hashing.sha256Hex(number.id() + "|evogo.CallOffer|" + signal.getPayloadJson()));
        assertThat(signal.getNumber().getNumberId()).isEqualTo(number.id());
        assertThat(signal.getNumber().getTenantId()).isEqualTo(number.tenantId());
        assertThat(signal.getNumber().getProvider()).isEqualTo(Provider.EVO_GO);
        assertThat(signal.getNumber().getAccountId()).isEqualTo(number.instanceName());
        assertThat(signal.toString()).as("the instance token never goes on Kafka")
                .doesNotContain(number.instanceToken());
        assertThat(TestInfra.providerSignals().keyed(number.id()).getFirst().key()).isEqualTo(number.id());
        assertThat(webhooks("accepted")).isEqualTo(acceptedBefore + 1);
    }

    @Test
    void aProviderDuplicateCarriesTheSameSignalId() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        Map<String, Object> body = Map.of("event", "CallTerminate", "instanceName", number.instanceName(),
                "instanceToken", number.instanceToken(), "data",
                Map.of("CallID", "3EB0DUP", "Reason", "hangup", "DurationSeconds", 12));

        json(post(body), HttpStatus.OK);
        json(post(body), HttpStatus.OK);

        List<ProviderSignal> signals = signalsOf(number, 2);
        assertThat(signals.get(0).getSignalId()).isEqualTo(signals.get(1).getSignalId());
        assertThat(signals.get(0).getKind()).isEqualTo("evogo.CallTerminate");
    }

    @Test
    void wrongTokenOrUnknownInstanceIsRefusedAlikeAndProducesNothing() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        NumberFixture other = fixtures.evoGoNumber(fixtures.tenant());
        double unauthorizedBefore = webhooks("unauthorized");
        Map<String, Object> data = Map.of("CallID", "3EB0BAD");

        JsonNode wrongToken = json(post(Map.of("event", "CallOffer", "instanceName", number.instanceName(),
                "instanceToken", number.instanceToken() + "x", "data", data)), HttpStatus.UNAUTHORIZED);
        JsonNode othersToken = json(post(Map.of("event", "CallOffer", "instanceName", number.instanceName(),
                "instanceToken", other.instanceToken(), "data", data)), HttpStatus.UNAUTHORIZED);
        JsonNode unknown = json(post(Map.of("event", "CallOffer", "instanceName", "no-such-instance",
                "instanceToken", number.instanceToken(), "data", data)), HttpStatus.UNAUTHORIZED);

        assertThat(wrongToken).isEqualTo(unknown).isEqualTo(othersToken);
        assertThat(wrongToken.get("code").stringValue()).isEqualTo("UNAUTHORIZED");
        assertThat(webhooks("unauthorized")).isEqualTo(unauthorizedBefore + 3);
        assertOnlyMarkerSignalFollows(number);
    }

    @Test
    void malformedWebhooksAreRefusedAndUnknownEventsIgnored() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());

        JsonNode broken = json(http.post().uri("/webhooks/evolution-go").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"event\":").exchange(), HttpStatus.BAD_REQUEST);
        assertThat(broken.get("code").stringValue()).isEqualTo("INVALID_REQUEST");
        JsonNode noInstance = json(post(Map.of("event", "CallOffer", "instanceToken", number.instanceToken(),
                "data", Map.of())), HttpStatus.BAD_REQUEST);
        assertThat(noInstance.at("/details/field").stringValue()).isEqualTo("instanceName");
        JsonNode noData = json(post(Map.of("event", "CallOffer", "instanceName", number.instanceName(),
                "instanceToken", number.instanceToken())), HttpStatus.BAD_REQUEST);
        assertThat(noData.at("/details/field").stringValue()).isEqualTo("data");
        // Found by the abuse campaign: a NUL reached PostgreSQL's text comparison and answered 500.
        JsonNode nul = json(post(Map.of("event", "CallTerminate", "instanceName", "a\u0000b",
                "instanceToken", "a\u0000b", "data", Map.of("CallID", "X"))), HttpStatus.BAD_REQUEST);
        assertThat(nul.at("/details/field").stringValue()).isEqualTo("instanceName");

        double ignoredBefore = webhooks("ignored");
        JsonNode ignored = json(post(Map.of("event", "Message", "instanceName", number.instanceName(),
                "instanceToken", number.instanceToken(), "data", Map.of("text", "hi"))), HttpStatus.OK);
        assertThat(ignored.get("received").booleanValue()).isTrue();
        assertThat(webhooks("ignored")).isEqualTo(ignoredBefore + 1);

        assertOnlyMarkerSignalFollows(number);
    }

    @Test
    void aRotatedTokenReplacesTheOldOne() {
        var tenant = fixtures.tenant();
        NumberFixture number = fixtures.evoGoNumber(tenant);
        http.patch().uri("/v1/numbers/{id}", number.id()).header("x-api-key", tenant.key())
                .bodyValue(Map.of("evoGo", Map.of("instanceToken", "brand-new-token"))).exchange()
                .expectStatus().isOk();

        json(post(Map.of("event", "CallRinging", "instanceName", number.instanceName(),
                "instanceToken", number.instanceToken(), "data", Map.of("CallID", "X"))), HttpStatus.UNAUTHORIZED);
        json(post(Map.of("event", "CallRinging", "instanceName", number.instanceName(),
                "instanceToken", "brand-new-token", "data", Map.of("CallID", "X"))), HttpStatus.OK);

        assertThat(signalsOf(number, 1).getFirst().getNumber().getVersion()).isEqualTo(2L);
    }

    @Test
    void anInstancesWebhooksCostOneNumberReadAndAChangeOnThisInstanceIsSeenAtOnce() {
        var tenant = fixtures.tenant();
        NumberFixture number = fixtures.evoGoNumber(tenant);
        double readsBefore = routeReads();

        for (String callId : List.of("3EB0R1", "3EB0R2", "3EB0R3")) {
            json(post(Map.of("event", "CallRinging", "instanceName", number.instanceName(),
                    "instanceToken", number.instanceToken(), "data", Map.of("CallID", callId))), HttpStatus.OK);
        }
        assertThat(routeReads()).as("GO sends three webhooks a call: one read of numbers, not three")
                .isEqualTo(readsBefore + 1);
        assertThat(signalsOf(number, 3)).hasSize(3);

        // The remembered route must not outlive a token rotation made here, nor a deletion.
        http.patch().uri("/v1/numbers/{id}", number.id()).header("x-api-key", tenant.key())
                .bodyValue(Map.of("evoGo", Map.of("instanceToken", "rotated-" + number.id()))).exchange()
                .expectStatus().isOk();
        json(post(Map.of("event", "CallRinging", "instanceName", number.instanceName(),
                "instanceToken", number.instanceToken(), "data", Map.of("CallID", "3EB0OLD"))), HttpStatus.UNAUTHORIZED);
        json(post(Map.of("event", "CallRinging", "instanceName", number.instanceName(),
                "instanceToken", "rotated-" + number.id(), "data", Map.of("CallID", "3EB0NEW"))), HttpStatus.OK);
        http.delete().uri("/v1/numbers/{id}", number.id()).header("x-api-key", tenant.key()).exchange()
                .expectStatus().isNoContent();
        json(post(Map.of("event", "CallRinging", "instanceName", number.instanceName(),
                "instanceToken", "rotated-" + number.id(), "data", Map.of("CallID", "3EB0GONE"))),
                HttpStatus.UNAUTHORIZED);
    }

    private double routeReads() {
        return meters.counter("ringline.security.credential.reads", "credential", "evo-go-instance").count();
    }

    @Test
    void oneInstanceNameOnTwoGoServersReachesEachNumberByItsToken() {
        String name = "main-" + java.util.UUID.randomUUID();
        NumberFixture first = goNumber(fixtures.tenant(), "http://go-1.example:8081", name, "token-one-" + name);
        NumberFixture second = goNumber(fixtures.tenant(), "http://go-2.example:8081", name, "token-two-" + name);

        json(post(Map.of("event", "CallRinging", "instanceName", name, "instanceToken", second.instanceToken(),
                "data", Map.of("CallID", "3EB0TWO"))), HttpStatus.OK);
        json(post(Map.of("event", "CallRinging", "instanceName", name, "instanceToken", first.instanceToken(),
                "data", Map.of("CallID", "3EB0ONE"))), HttpStatus.OK);

        assertThat(signalsOf(second, 1)).singleElement()
                .satisfies(s -> assertThat(s.getPayloadJson()).contains("3EB0TWO"));
        assertThat(signalsOf(first, 1)).singleElement()
                .satisfies(s -> assertThat(s.getPayloadJson()).contains("3EB0ONE"));
    }

    @Test
    void twoLiveNumbersSharingInstanceNameAndTokenAreRefusedBothAsTheGoLayerDoes() {
        String name = "shared-" + java.util.UUID.randomUUID();
        String token = "shared-token-" + name;
        NumberFixture first = goNumber(fixtures.tenant(), "http://go-1.example:8081", name, token);
        var secondTenant = fixtures.tenant();
        NumberFixture second = goNumber(secondTenant, "http://go-2.example:8081", name, token);

        JsonNode refused = json(post(Map.of("event", "CallRinging", "instanceName", name, "instanceToken", token,
                "data", Map.of("CallID", "3EB0AMBIGUOUS"))), HttpStatus.UNAUTHORIZED);
        assertThat(refused.get("code").stringValue()).isEqualTo("UNAUTHORIZED");

        // Once the second is gone the pair is no longer ambiguous, and the first's next signal is its first.
        http.delete().uri("/v1/numbers/{id}", second.id()).header("x-api-key", secondTenant.key()).exchange()
                .expectStatus().isNoContent();
        assertOnlyMarkerSignalFollows(first);
        assertThat(TestInfra.providerSignals().keyed(second.id())).isEmpty();
    }

    private NumberFixture goNumber(io.ringline.gateway.support.Fixtures.TenantFixture tenant, String baseUrl,
            String instanceName, String token) {
        String phone = io.ringline.gateway.support.Fixtures.uniquePhone();
        JsonNode number = json(http.post().uri("/v1/numbers").header("x-api-key", tenant.key())
                .bodyValue(Map.of("phone", phone, "provider", "EVO_GO", "evoGo",
                        Map.of("baseUrl", baseUrl, "instanceName", instanceName, "instanceToken", token)))
                .exchange(), HttpStatus.CREATED);
        return new NumberFixture(number.get("id").stringValue(), tenant.id(), phone, "EVO_GO", null, instanceName,
                token, baseUrl, instanceName);
    }

    /** Nothing was produced for the number before now: a valid webhook sent now is its first signal. */
    private void assertOnlyMarkerSignalFollows(NumberFixture number) {
        json(post(Map.of("event", "ConnectionUpdate", "instanceName", number.instanceName(),
                "instanceToken", number.instanceToken(), "data", Map.of("state", "open"))), HttpStatus.OK);
        List<ProviderSignal> signals = signalsOf(number, 1);
        assertThat(signals).hasSize(1);
        assertThat(signals.getFirst().getKind()).isEqualTo("evogo.ConnectionUpdate");
    }

    private WebTestClient.ResponseSpec post(Map<String, Object> body) {
        return http.post().uri("/webhooks/evolution-go").bodyValue(body).exchange();
    }

    private List<ProviderSignal> signalsOf(NumberFixture number, int atLeast) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> TestInfra.providerSignals().keyed(number.id()).stream()
                        .map(r -> (ProviderSignal) r.value()).toList(), s -> s.size() >= atLeast);
    }

    private double webhooks(String outcome) {
        var counter = meters.find("ringline.gateway.provider.webhooks").tag("provider", "EVO_GO")
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
