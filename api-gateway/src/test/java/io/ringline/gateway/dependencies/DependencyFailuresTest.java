package io.ringline.gateway.dependencies;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.ringline.platform.web.ApiException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.test.StepVerifier;

/** Which failures become {@code 503 SERVICE_UNAVAILABLE} with {@code Retry-After}, and which pass untouched. */
class DependencyFailuresTest {

    private final DependencyFailures handler = new DependencyFailures(new DependencyProperties(
            Duration.ofMillis(500), Duration.ofMillis(700), Duration.ofMillis(800), Duration.ofSeconds(1),
            Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(7)));

    @Test
    void aDatabaseOrBrokerFailureAnywhereInTheCauseChainIs503WithRetryAfter() {
        for (Throwable failure : new Throwable[] {
                new DataAccessResourceFailureException("refused", new ConnectException("Connection refused")),
                new IllegalStateException("wrapped", new R2dbcNonTransientResourceException("closed")),
                new org.apache.kafka.common.errors.TimeoutException("Topic not present in metadata")}) {
            ApiException mapped = mapped(failure);
            assertThat(mapped.status()).as(failure.toString()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(mapped.code()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(mapped.headers()).containsEntry("Retry-After", "7");
            assertThat(mapped.details()).containsEntry("retryAfterSeconds", 7L);
            assertThat(mapped.getMessage()).doesNotContain("refused", "closed", "metadata");
        }
    }

    @Test
    void aServiceUnavailableRaisedElsewhereGetsRetryAfterAndKeepsItsMessage() {
        ApiException mapped = mapped(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                "Ringline's call service is temporarily unavailable; try again"));

        assertThat(mapped.headers()).containsEntry("Retry-After", "7");
        assertThat(mapped.details()).containsEntry("retryAfterSeconds", 7L);
        assertThat(mapped.getMessage()).isEqualTo("Ringline's call service is temporarily unavailable; try again");
    }

    @Test
    void otherFailuresPassUntouched() {
        ApiException busy = new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "PROVIDER_BUSY", "busy",
                Map.of("retryAfterSeconds", 10), Map.of("Retry-After", "10"));
        ApiException notFound = new ApiException(HttpStatus.NOT_FOUND, "CALL_NOT_FOUND", "Call not found");
        IllegalStateException bug = new IllegalStateException("a bug");
        DataIntegrityViolationException constraint = new DataIntegrityViolationException("duplicate key");

        assertThat(passed(busy)).isSameAs(busy);
        assertThat(passed(notFound)).isSameAs(notFound);
        assertThat(passed(bug)).isSameAs(bug);
        assertThat(passed(constraint)).isSameAs(constraint);
    }

    private ApiException mapped(Throwable failure) {
        return (ApiException) passed(failure);
    }

    private Throwable passed(Throwable failure) {
        Throwable[] seen = new Throwable[1];
        StepVerifier.create(handler.handle(MockServerWebExchange.from(MockServerHttpRequest.get("/v1/calls")), failure))
                .expectErrorSatisfies(e -> seen[0] = e)
                .verify();
        return seen[0];
    }
}
