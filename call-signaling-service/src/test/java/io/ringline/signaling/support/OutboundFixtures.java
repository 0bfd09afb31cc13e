package io.ringline.signaling.support;

import io.ringline.platform.crypto.SecretBox;
import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CallSnapshot;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.provider.CredentialEnvelopes;
import io.ringline.signaling.call.provider.ProviderException;
import io.ringline.signaling.number.NumberAccount;
import io.ringline.signaling.number.NumberRef;
import io.ringline.signaling.number.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/** Numbers, calls and clients for tests of the provider adapters without Spring. */
public final class OutboundFixtures {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final SecretBox BOX = SecretBox.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));
    public static final CredentialEnvelopes CREDENTIALS = new CredentialEnvelopes(BOX, JSON);

    private OutboundFixtures() {
    }

    public static ConnectionProvider connections() {
        return ConnectionProvider.builder("outbound-test").maxConnections(8)
                .pendingAcquireTimeout(Duration.ofSeconds(5)).build();
    }

    public static NumberAccount evoGoNumber(String baseUrl) {
        return new NumberAccount("num_outbound", "ten_outbound", Provider.EVO_GO, "+551130000000", baseUrl,
                "instance", BOX.encrypt("{\"instanceToken\":\"tok\"}"), 1);
    }

    public static NumberAccount metaNumber(String baseUrl) {
        return new NumberAccount("num_outbound", "ten_outbound", Provider.META, "+16315553601", baseUrl,
                "1234567890", BOX.encrypt("{\"accessToken\":\"at\",\"appSecret\":\"s\",\"verifyToken\":\"v\"}"), 1);
    }

    public static CallSnapshot newCall(Provider provider) {
        return Call.placeOutbound("call_outbound", new NumberRef("num_outbound", "ten_outbound", provider),
                "+5511999990000", null, provider == Provider.META ? "v=0\r\n" : null, Instant.now()).snapshot();
    }

    /** The error a request ended with, as its tenant would see it; fails the test if it succeeded. */
    public static CommandError failureOf(Mono<?> request) {
        try {
            request.block(Duration.ofSeconds(20));
        } catch (ProviderException e) {
            return e.error();
        }
        throw new AssertionError("the request succeeded");
    }
}
