package io.ringline.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.config.GatewayProperties;
import io.ringline.platform.web.ApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.util.unit.DataSize;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

class JsonBodyReaderTest {

    private final JsonBodyReader reader = new JsonBodyReader(JsonMapper.builder().build(),
            new GatewayProperties("op", Duration.ofSeconds(1), DataSize.ofBytes(100), Duration.ofSeconds(1)));

    @Test
    void readsAnObject() {
        StepVerifier.create(reader.read(post("{\"a\":1}")))
                .assertNext(body -> assertThat(body).get().satisfies(o -> assertThat(o.get("a").intValue()).isEqualTo(1)))
                .verifyComplete();
    }

    @Test
    void anEmptyOrBlankBodyIsAbsent() {
        StepVerifier.create(reader.read(post(""))).assertNext(body -> assertThat(body).isEmpty()).verifyComplete();
        StepVerifier.create(reader.read(post("  \n"))).assertNext(body -> assertThat(body).isEmpty()).verifyComplete();
    }

    @Test
    void refusesBodiesOverTheLimitMalformedJsonDuplicatesAndNonObjects() {
        expectBodyError(post("{\"a\":\"" + "x".repeat(200) + "\"}"), "must not exceed 100 bytes");
        expectBodyError(post("{\"a\":"), null);
        expectBodyError(post("{\"a\":1,\"a\":2}"), null);
        expectBodyError(post("[1]"), "must be a JSON object");
        expectBodyError(post("{\"a\":1} trailing"), null);
    }

    private void expectBodyError(MockServerHttpRequest request, String problem) {
        StepVerifier.create(reader.read(request))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ApiException.class);
                    ApiException api = (ApiException) e;
                    assertThat(api.code()).isEqualTo("INVALID_REQUEST");
                    assertThat(api.details()).containsEntry("field", "body");
                    if (problem != null) {
                        assertThat(api.details()).containsEntry("problem", problem);
                    }
                })
                .verify();
    }

    private static MockServerHttpRequest post(String body) {
        return MockServerHttpRequest.post("/v1/calls").body(body);
    }
}
