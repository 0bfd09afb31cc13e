package io.ringline.gateway.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.platform.vocabulary.GoConnectionState;
import io.ringline.gateway.support.FakeGoInstance;
import io.ringline.gateway.tenancy.ProviderUrlProperties;
import io.ringline.platform.web.ApiException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/** The pairing client's network guard: a tenant's GO base URL on a private address is never connected to. */
class GoPairingClientTest {

    @Test
    void aGoInstanceOnALoopbackAddressIsRefusedBeforeAnyRequestLeaves() {
        try (FakeGoInstance go = new FakeGoInstance()) {
            GoPairingClient client = new PairingConfiguration().goPairingClient(JsonMapper.builder().build(),
                    new PairingProperties(Duration.ofSeconds(5), null, Duration.ofSeconds(20), Duration.ofSeconds(60)),
                    new ProviderUrlProperties(false));
            try {
                StepVerifier.create(client.status(URI.create(go.baseUrl()), "token"))
                        .expectErrorSatisfies(e -> {
                            assertThat(e).isInstanceOf(ApiException.class);
                            ApiException api = (ApiException) e;
                            assertThat(api.code()).isEqualTo("PROVIDER_UNREACHABLE");
                            assertThat(api.getMessage()).isEqualTo("Evolution GO could not be reached");
                            assertThat(api.details()).isNullOrEmpty();
                        })
                        .verify(Duration.ofSeconds(10));
                assertThat(go.seen()).isEmpty();
            } finally {
                client.destroy();
            }
        }
    }

    @Test
    void allowedPrivateNetworksReachTheSameInstance() {
        try (FakeGoInstance go = new FakeGoInstance()) {
            GoPairingClient client = new PairingConfiguration().goPairingClient(JsonMapper.builder().build(),
                    new PairingProperties(Duration.ofSeconds(5), null, Duration.ofSeconds(20), Duration.ofSeconds(60)),
                    new ProviderUrlProperties(true));
            StepVerifier.create(client.status(URI.create(go.baseUrl()), "token"))
                    .expectNext(GoConnectionState.CLOSE)
                    .verifyComplete();
            assertThat(go.seen()).singleElement().satisfies(seen -> assertThat(seen.apikey()).isEqualTo("token"));
        }
    }
}
