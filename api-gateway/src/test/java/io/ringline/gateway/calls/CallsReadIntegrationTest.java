package io.ringline.gateway.calls;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.FakeInternalServices.Seen;
import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.gateway.support.TestInfra;
import io.ringline.platform.ids.Ids;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

class CallsReadIntegrationTest extends GatewayIntegrationTest {

    @Test
    void listingProxiesToTheSignalingServiceWithValidatedParameters() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
        String older = Ids.newId("call");
        String newer = Ids.newId("call");
        TestInfra.http().addCall(number.id(), older, "GO1", "COMPLETED", t0);
        TestInfra.http().addCall(number.id(), newer, "GO2", "RINGING", t0.plusSeconds(60));

        JsonNode all = json(http.get().uri("/v1/calls").header("x-api-key", number.key()).exchange(), HttpStatus.OK);
        assertThat(all.get("calls")).extracting(c -> c.get("id").stringValue()).containsExactly(newer, older);
        assertThat(all.get("calls").get(0).has("sdpOffer")).isFalse();
        Seen first = lastSeenFor(number);
        assertThat(first.token()).isEqualTo("dev-internal-token");
        assertThat(first.query()).containsEntry("limit", List.of("25"));

        JsonNode page = json(http.get().uri(uri -> uri.path("/v1/calls").queryParam("limit", 10)
                        .queryParam("before", "{before}").queryParam("status", "completed")
                        .queryParam("direction", "INBOUND").build("2025-03-01T11:00:30+01:00"))
                .header("x-api-key", number.key()).exchange(), HttpStatus.OK);
        assertThat(page.get("calls")).extracting(c -> c.get("id").stringValue()).containsExactly(older);
        Seen second = lastSeenFor(number);
        assertThat(second.query()).containsEntry("limit", List.of("10"))
                .containsEntry("before", List.of("2025-03-01T10:00:30Z"))
                .containsEntry("status", List.of("COMPLETED"))
                .containsEntry("direction", List.of("INBOUND"));
    }

    @Test
    void invalidListParametersAreRefusedBeforeAskingTheSignalingService() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        record Case(String query, String field) {
        }
        for (Case c : List.of(new Case("limit=0", "limit"), new Case("limit=101", "limit"),
                new Case("limit=ten", "limit"), new Case("before=yesterday", "before"),
                new Case("before=2025-03-01", "before"), new Case("status=DONE", "status"),
                new Case("direction=SIDEWAYS", "direction"), new Case("limit=5&limit=6", "limit"))) {
            JsonNode error = json(http.get().uri("/v1/calls?" + c.query()).header("x-api-key", number.key())
                    .exchange(), HttpStatus.BAD_REQUEST);
            assertThat(error.get("code").stringValue()).isEqualTo("INVALID_REQUEST");
            assertThat(error.at("/details/field").stringValue()).as(c.query()).isEqualTo(c.field());
        }
        assertThat(TestInfra.http().seen()).noneMatch(s -> s.path().contains(number.id()));
    }

    @Test
    void oneCallByEitherIdWithSdpOnlyWhenAskedFor() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        String callId = Ids.newId("call");
        TestInfra.http().addCall(number.id(), callId, "3EB0DEAD", "ACCEPTED", Instant.now());

        JsonNode plain = json(http.get().uri("/v1/calls/{id}", callId).header("x-api-key", number.key()).exchange(),
                HttpStatus.OK);
        assertThat(plain.get("id").stringValue()).isEqualTo(callId);
        assertThat(plain.has("sdpOffer")).isFalse();

        JsonNode withSdp = json(http.get().uri("/v1/calls/3EB0DEAD?includeSdp=1").header("x-api-key", number.key())
                .exchange(), HttpStatus.OK);
        assertThat(withSdp.get("id").stringValue()).isEqualTo(callId);
        assertThat(withSdp.has("sdpOffer")).isTrue();
        assertThat(lastSeenFor(number).query()).containsEntry("includeSdp", List.of("1"));

        JsonNode badFlag = json(http.get().uri("/v1/calls/{id}?includeSdp=yes", callId)
                .header("x-api-key", number.key()).exchange(), HttpStatus.BAD_REQUEST);
        assertThat(badFlag.at("/details/field").stringValue()).isEqualTo("includeSdp");

        JsonNode missing = json(http.get().uri("/v1/calls/{id}", Ids.newId("call")).header("x-api-key", number.key())
                .exchange(), HttpStatus.NOT_FOUND);
        assertThat(missing.get("code").stringValue()).isEqualTo("CALL_NOT_FOUND");
    }

    @Test
    void anotherNumbersCallsAreNeitherListedNorReadable() {
        NumberFixture a = fixtures.evoGoNumber(fixtures.tenant());
        NumberFixture b = fixtures.evoGoNumber(fixtures.tenant());
        String callId = Ids.newId("call");
        TestInfra.http().addCall(a.id(), callId, "3EB0A11CE", "RINGING", Instant.now());

        JsonNode bList = json(http.get().uri("/v1/calls").header("x-api-key", b.key()).exchange(), HttpStatus.OK);
        assertThat(bList.get("calls").isEmpty()).isTrue();
        assertThat(lastSeenFor(b).path()).isEqualTo("/internal/numbers/" + b.id() + "/calls");
        JsonNode error = json(http.get().uri("/v1/calls/{id}", callId).header("x-api-key", b.key()).exchange(),
                HttpStatus.NOT_FOUND);
        assertThat(error.get("code").stringValue()).isEqualTo("CALL_NOT_FOUND");
    }

    private static Seen lastSeenFor(NumberFixture number) {
        return TestInfra.http().seen().reversed().stream()
                .filter(s -> s.path().startsWith("/internal/numbers/" + number.id() + "/"))
                .findFirst().orElseThrow();
    }
}
