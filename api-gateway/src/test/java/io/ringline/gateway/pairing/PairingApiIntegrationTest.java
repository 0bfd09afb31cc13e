package io.ringline.gateway.pairing;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.FakeGoInstance;
import io.ringline.gateway.support.Fixtures;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/numbers/{id}/pairing} against a real HTTP GO instance (a scripted fake): the QR code the instance
 * shows comes back as its payload and a PNG of it; the state follows GO's ConnectionUpdate webhooks; GO's refusals
 * and failures reach the tenant in Ringline's shapes.
 */
// The fake GO instance listens on 127.0.0.1: registered and reached as on a development stack (the guard itself:
// GoPairingClientTest).
@TestPropertySource(properties = "ringline.gateway.provider-urls.allow-private-networks=true")
class PairingApiIntegrationTest extends GatewayIntegrationTest {

    @LocalServerPort
    int gatewayPort;

    private FakeGoInstance go;
    private TenantFixture tenant;
    private String numberId;
    private String instance;
    private String token;

    @BeforeEach
    void unpairedNumber() {
        go = new FakeGoInstance();
        tenant = fixtures.tenant();
        instance = "unpaired-" + UUID.randomUUID();
        token = "go-token-" + UUID.randomUUID();
        numberId = json(http.post().uri("/v1/numbers").header("x-api-key", tenant.key())
                .bodyValue(Map.of("phone", Fixtures.uniquePhone(), "provider", "EVO_GO", "evoGo", Map.of(
                        "baseUrl", go.baseUrl(), "instanceName", instance, "instanceToken", token)))
                .exchange(), HttpStatus.CREATED).path("id").stringValue();
    }

    @AfterEach
    void stop() {
        go.close();
    }

    @Test
    void anUnpairedNumberShowsTheCodeItsInstanceShowsAsPayloadAndPng() {
        Instant before = Instant.now();
        JsonNode pairing = pairing(HttpStatus.OK);

        assertThat(pairing.path("state").stringValue()).isEqualTo("PAIRING");
        assertThat(pairing.at("/qr/payload").stringValue()).isEqualTo("2@first-code,AAAA,BBBB,CCCC");
        byte[] png = Base64.getDecoder().decode(pairing.at("/qr/imagePng").stringValue());
        assertThat(QrImagesTest.decode(png)).isEqualTo("2@first-code,AAAA,BBBB,CCCC");
        Instant expiresAt = Instant.parse(pairing.at("/qr/expiresAt").stringValue());
        assertThat(expiresAt).isAfter(before).isBefore(Instant.now().plusSeconds(21));

        // GO was asked with the instance token, told where Ringline's webhook is, and subscribed to every event.
        assertThat(go.seen("/go/instance/status")).singleElement()
                .satisfies(seen -> assertThat(seen.apikey()).isEqualTo(token));
        JsonNode connect = Fixtures.json(go.seen("/go/instance/connect").getFirst().body().getBytes());
        assertThat(connect.path("webhookUrl").stringValue()).isEqualTo("http://localhost:" + gatewayPort + "/webhooks/evolution-go");
        assertThat(connect.path("subscribe").get(0).stringValue()).isEqualTo("ALL");
        assertThat(go.seen("/go/instance/qr")).hasSize(1);
        assertThat(pairing.has("providerMessage")).isFalse();
    }

    @Test
    void theCodeFollowsTheInstanceAndConnectIsNotRepeatedOnEveryPoll() {
        String first = pairing(HttpStatus.OK).at("/qr/expiresAt").stringValue();
        JsonNode again = pairing(HttpStatus.OK);
        assertThat(again.at("/qr/expiresAt").stringValue()).as("same code, same expiry").isEqualTo(first);

        go.qr(200, FakeGoInstance.qrBody("2@second-code,DDDD,EEEE,FFFF"));
        JsonNode refreshed = pairing(HttpStatus.OK);
        assertThat(refreshed.at("/qr/payload").stringValue()).isEqualTo("2@second-code,DDDD,EEEE,FFFF");
        assertThat(go.seen("/go/instance/connect")).as("one connect per reconnect-after").hasSize(1);
        assertThat(go.seen("/go/instance/qr")).hasSize(3);
    }

    @Test
    void aConnectionUpdateOpenConnectsTheNumberWithoutAskingGoAndCloseStartsPairingAgain() {
        pairing(HttpStatus.OK);
        int asked = go.seen().size();

        connectionUpdate("open");
        JsonNode connected = pairing(HttpStatus.OK);
        assertThat(connected.path("state").stringValue()).isEqualTo("CONNECTED");
        assertThat(connected.has("qr")).isFalse();
        assertThat(go.seen()).as("the webhook said so: GO is not asked").hasSize(asked);

        connectionUpdate("close");
        assertThat(pairing(HttpStatus.OK).path("state").stringValue()).isEqualTo("PAIRING");
        assertThat(go.seen().size()).isGreaterThan(asked);
    }

    @Test
    void anInstanceThatIsLoggedInIsConnected() {
        go.status(200, "{\"state\":\"open\"}");
        assertThat(pairing(HttpStatus.OK).path("state").stringValue()).isEqualTo("CONNECTED");
        assertThat(go.seen("/go/instance/qr")).isEmpty();

        // Remembered: later polls do not ask GO again.
        go.status(500, "{\"error\":\"down\"}");
        assertThat(pairing(HttpStatus.OK).path("state").stringValue()).isEqualTo("CONNECTED");
    }

    @Test
    void anInstanceLoggedInBetweenStatusAndQrIsConnected() {
        go.qr(400, "{\"error\":\"session already logged in\"}");
        assertThat(pairing(HttpStatus.OK).path("state").stringValue()).isEqualTo("CONNECTED");
    }

    @Test
    void anInstanceThatCannotShowACodeIsDisconnectedWithGosMessage() {
        go.qr(400, "{\"error\":\"no QR code available. Please wait a moment and try again\"}");
        JsonNode pairing = pairing(HttpStatus.OK);
        assertThat(pairing.path("state").stringValue()).isEqualTo("DISCONNECTED");
        assertThat(pairing.path("providerMessage").stringValue()).startsWith("no QR code available");
        assertThat(pairing.has("qr")).isFalse();
    }

    @Test
    void goFailingIsAProviderErrorWithGosStatusAndAnUnreachableInstanceIsTheOneFixedUnreachableAnswer() {
        go.status(500, "{\"error\":\"" + "x".repeat(500) + "\"}");
        JsonNode failed = pairing(HttpStatus.BAD_GATEWAY);
        assertThat(failed.path("code").stringValue()).isEqualTo("PROVIDER_ERROR");
        assertThat(failed.at("/details/providerStatus").intValue()).isEqualTo(500);
        assertThat(failed.at("/details/providerMessage").stringValue()).hasSizeLessThanOrEqualTo(201);

        go.close();
        JsonNode unreachable = pairing(HttpStatus.BAD_GATEWAY);
        assertThat(unreachable.toString())
                .isEqualTo("{\"error\":\"Evolution GO could not be reached\",\"code\":\"PROVIDER_UNREACHABLE\"}");
    }

    @Test
    void onlyTheTenantsOwnEvoGoNumbersPairAndOnlyWithATenantKey() {
        var meta = fixtures.metaNumber(tenant);
        JsonNode notGo = json(http.get().uri("/v1/numbers/" + meta.id() + "/pairing").header("x-api-key", tenant.key())
                .exchange(), HttpStatus.BAD_REQUEST);
        assertThat(notGo.path("code").stringValue()).isEqualTo("FEATURE_NOT_SUPPORTED");

        TenantFixture stranger = fixtures.tenant();
        JsonNode foreign = json(http.get().uri("/v1/numbers/" + numberId + "/pairing")
                .header("x-api-key", stranger.key()).exchange(), HttpStatus.NOT_FOUND);
        assertThat(foreign.path("code").stringValue()).isEqualTo("NUMBER_NOT_FOUND");

        String numberKey = fixtures.numberKey(tenant, numberId);
        JsonNode scoped = json(http.get().uri("/v1/numbers/" + numberId + "/pairing").header("x-api-key", numberKey)
                .exchange(), HttpStatus.FORBIDDEN);
        assertThat(scoped.path("code").stringValue()).isEqualTo("NUMBER_SCOPE_NOT_ALLOWED");
        assertThat(go.seen()).as("nobody got as far as GO").isEmpty();
    }

    private JsonNode pairing(HttpStatus expected) {
        return json(http.get().uri("/v1/numbers/" + numberId + "/pairing").header("x-api-key", tenant.key())
                .exchange(), expected);
    }

    private void connectionUpdate(String state) {
        http.post().uri("/webhooks/evolution-go")
                .bodyValue(Map.of("event", "ConnectionUpdate", "instanceName", instance, "instanceToken", token,
                        "data", Map.of("state", state)))
                .exchange().expectStatus().isOk();
    }
}
