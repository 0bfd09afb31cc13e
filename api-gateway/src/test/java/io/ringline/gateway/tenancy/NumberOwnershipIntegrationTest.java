package io.ringline.gateway.tenancy;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.Fixtures;
import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A phone, a Meta phone-number id or an Evolution GO instance (base URL + instance name, the URL normalized)
 * belongs to one live number. Every way of colliding with one — registering or changing a number, in the owner's
 * tenant or another, one at a time or racing — answers the very same bytes, so the answer says nothing about
 * which value is taken or by whom; and it changes nothing.
 */
class NumberOwnershipIntegrationTest extends GatewayIntegrationTest {

    /** The one answer every collision gets. */
    private static final String EXPECTED = "{\"error\":\"This number cannot be registered: its phone number or "
            + "provider account is already connected\",\"code\":\"NUMBER_ALREADY_EXISTS\"}";

    @LocalServerPort
    int serverPort;

    @Test
    void everyRegistrationConflictAnswersTheSameBytesWhicheverFieldAndWhicheverTenant() {
        TenantFixture owner = fixtures.tenant();
        TenantFixture stranger = fixtures.tenant();
        NumberFixture go = fixtures.evoGoNumber(owner);
        NumberFixture meta = fixtures.metaNumber(owner);
        List<String> answers = new ArrayList<>();

        for (TenantFixture caller : List.of(owner, stranger)) {
            // the GO number's phone, once as GO and once as META
            answers.add(conflict(register(caller, goBody(go.phone(), "http://go.elsewhere", "other-" + UUID.randomUUID()))));
            answers.add(conflict(register(caller, metaBody(go.phone(), "pnid-" + UUID.randomUUID()))));
            // the META number's phone
            answers.add(conflict(register(caller, goBody(meta.phone(), "http://go.elsewhere", "other-" + UUID.randomUUID()))));
            // the Meta phone-number id, on a new phone
            answers.add(conflict(register(caller, metaBody(Fixtures.uniquePhone(), meta.accountId()))));
            // the GO instance, spelled as registered and spelled otherwise
            answers.add(conflict(register(caller, goBody(Fixtures.uniquePhone(), go.baseUrl(), go.instanceName()))));
            answers.add(conflict(register(caller, goBody(Fixtures.uniquePhone(), "HTTP://GO.Example:8081/",
                    go.instanceName()))));
        }

        assertThat(answers).hasSize(12).allSatisfy(body -> assertThat(body).isEqualTo(EXPECTED));
        assertThat(numbers(stranger)).as("nothing was created for the stranger").isEmpty();
        assertThat(numbers(owner)).as("the owner still has exactly its two numbers").hasSize(2);
    }

    @Test
    void changingANumberOntoAnotherNumbersAccountAnswersTheSameAndChangesNothing() {
        TenantFixture owner = fixtures.tenant();
        TenantFixture stranger = fixtures.tenant();
        NumberFixture go = fixtures.evoGoNumber(owner);
        NumberFixture meta = fixtures.metaNumber(owner);
        NumberFixture ownersOtherGo = fixtures.evoGoNumber(owner);
        NumberFixture strangersGo = fixtures.evoGoNumber(stranger);
        NumberFixture strangersMeta = fixtures.metaNumber(stranger);
        List<String> answers = new ArrayList<>();

        answers.add(conflict(patch(owner, ownersOtherGo.id(), Map.of("evoGo", Map.of("instanceName", go.instanceName())))));
        answers.add(conflict(patch(stranger, strangersGo.id(), Map.of("evoGo", Map.of("instanceName", go.instanceName())))));
        answers.add(conflict(patch(stranger, strangersGo.id(), Map.of("evoGo",
                Map.of("baseUrl", "http://go.example:8081/", "instanceName", go.instanceName())))));
        answers.add(conflict(patch(stranger, strangersMeta.id(), Map.of("meta", Map.of("phoneNumberId", meta.accountId())))));

        assertThat(answers).allSatisfy(body -> assertThat(body).isEqualTo(EXPECTED));
        JsonNode unchanged = json(http.get().uri("/v1/numbers/{id}", strangersGo.id())
                .header("x-api-key", stranger.key()).exchange(), HttpStatus.OK);
        assertThat(unchanged.at("/evoGo/instanceName").stringValue()).isEqualTo(strangersGo.instanceName());
        assertThat(unchanged.at("/evoGo/baseUrl").stringValue()).isEqualTo(strangersGo.baseUrl());
        JsonNode unchangedMeta = json(http.get().uri("/v1/numbers/{id}", strangersMeta.id())
                .header("x-api-key", stranger.key()).exchange(), HttpStatus.OK);
        assertThat(unchangedMeta.at("/meta/phoneNumberId").stringValue()).isEqualTo(strangersMeta.accountId());
    }

    @Test
    void aGoInstanceIsUniquePerBaseUrlAndNameNotPerName() {
        TenantFixture one = fixtures.tenant();
        TenantFixture two = fixtures.tenant();
        String name = "main-" + UUID.randomUUID();

        register(one, goBody(Fixtures.uniquePhone(), "http://go-1.example:8081", name)).expectStatus().isCreated();
        register(two, goBody(Fixtures.uniquePhone(), "http://go-2.example:8081", name)).expectStatus().isCreated();
        register(two, goBody(Fixtures.uniquePhone(), "http://go-1.example:8082", name)).expectStatus().isCreated();
        register(two, goBody(Fixtures.uniquePhone(), "http://go-1.example:8081/tenant-b", name)).expectStatus()
                .isCreated();
        assertThat(conflict(register(two, goBody(Fixtures.uniquePhone(), "http://GO-1.example:8081/", name))))
                .isEqualTo(EXPECTED);

        // Deleting a number frees its instance (and its phone) for anyone.
        JsonNode first = numbers(one).get(0);
        http.delete().uri("/v1/numbers/{id}", first.get("id").stringValue()).header("x-api-key", one.key())
                .exchange().expectStatus().isNoContent();
        register(two, goBody(first.get("phone").stringValue(), "http://go-1.example:8081", name)).expectStatus()
                .isCreated();
    }

    @Test
    void racingRegistrationsOfOneNumberCreateOneAndAnswerTheOthersTheSame409() {
        TenantFixture a = fixtures.tenant();
        TenantFixture b = fixtures.tenant();
        String phone = Fixtures.uniquePhone();
        String instance = "race-" + UUID.randomUUID();
        WebClient client = WebClient.create("http://localhost:" + serverPort);

        // Same phone from both tenants, each request naming its own GO instance: the phone index decides.
        List<Answer> samePhone = race(client, 8, i -> i % 2 == 0 ? a : b,
                i -> goBody(phone, "http://go.example:8081", "race-phone-" + UUID.randomUUID()));
        // Same GO instance under two spellings of its URL, each request with its own phone: the instance index decides.
        List<Answer> sameInstance = race(client, 8, i -> i % 2 == 0 ? a : b,
                i -> goBody(Fixtures.uniquePhone(), i % 2 == 0 ? "http://go.example:8081" : "HTTP://go.EXAMPLE:8081/",
                        instance));

        for (List<Answer> answers : List.of(samePhone, sameInstance)) {
            assertThat(answers).extracting(Answer::status).containsOnly(201, 409);
            assertThat(answers).filteredOn(x -> x.status() == 201).hasSize(1);
            assertThat(answers).filteredOn(x -> x.status() == 409).extracting(Answer::body).containsOnly(EXPECTED);
        }
        assertThat(numbers(a).size() + numbers(b).size()).isEqualTo(2);
    }

    private record Answer(int status, String body) {
    }

    private List<Answer> race(WebClient client, int requests, java.util.function.IntFunction<TenantFixture> tenant,
            java.util.function.IntFunction<Map<String, Object>> body) {
        return Flux.range(0, requests)
                .flatMap(i -> client.post().uri("/v1/numbers").header("x-api-key", tenant.apply(i).key())
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(body.apply(i))
                        .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                                .map(text -> new Answer(response.statusCode().value(), text))), requests)
                .collectList()
                .block(Duration.ofSeconds(60));
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec register(TenantFixture tenant,
            Map<String, Object> body) {
        return http.post().uri("/v1/numbers").header("x-api-key", tenant.key()).bodyValue(body).exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec patch(TenantFixture tenant,
            String numberId, Map<String, Object> body) {
        return http.patch().uri("/v1/numbers/{id}", numberId).header("x-api-key", tenant.key()).bodyValue(body)
                .exchange();
    }

    /** The raw body of a 409, as bytes decoded: compared exactly, not as JSON. */
    private static String conflict(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
        var result = response.expectBody().returnResult();
        String body = new String(result.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(result.getStatus().value()).as(body).isEqualTo(409);
        return body;
    }

    private List<JsonNode> numbers(TenantFixture tenant) {
        List<JsonNode> list = new ArrayList<>();
        json(http.get().uri("/v1/numbers").header("x-api-key", tenant.key()).exchange(), HttpStatus.OK)
                .get("numbers").forEach(list::add);
        return list;
    }

    private static Map<String, Object> goBody(String phone, String baseUrl, String instanceName) {
        return Map.of("phone", phone, "provider", "EVO_GO",
                "evoGo", Map.of("baseUrl", baseUrl, "instanceName", instanceName, "instanceToken", "t-" + UUID.randomUUID()));
    }

    private static Map<String, Object> metaBody(String phone, String phoneNumberId) {
        return Map.of("phone", phone, "provider", "META", "meta", Map.of("phoneNumberId", phoneNumberId,
                "accessToken", "EAAG-x", "appSecret", "app-secret"));
    }
}
