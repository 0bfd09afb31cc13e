package io.ringline.signaling.call.provider;

import static io.ringline.signaling.support.OutboundFixtures.evoGoNumber;
import static io.ringline.signaling.support.OutboundFixtures.failureOf;
import static io.ringline.signaling.support.OutboundFixtures.newCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringline.signaling.SignalingProperties;
import io.ringline.signaling.call.CallSnapshot;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.number.NumberAccount;
import io.ringline.signaling.number.Provider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The per-number bound in front of every provider request: so many running, so many waiting, then 503 at once. */
class ProviderGatewayTest {

    /** A provider whose requests run until the test lets them finish; counts what it was asked. */
    private static final class HeldProvider implements CallProvider {
        final Provider kind;
        final AtomicInteger asked = new AtomicInteger();
        final Sinks.Empty<Void> release = Sinks.empty();

        HeldProvider(Provider kind) {
            this.kind = kind;
        }

        @Override
        public Provider kind() {
            return kind;
        }

        @Override
        public Mono<String> place(NumberAccount number, CallSnapshot call) {
            return Mono.defer(() -> {
                asked.incrementAndGet();
                return release.asMono().thenReturn("ext-" + asked.get());
            });
        }

        @Override
        public Mono<Void> preAccept(NumberAccount number, CallSnapshot call, String sdpAnswer) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> accept(NumberAccount number, CallSnapshot call, String sdpAnswer) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> reject(NumberAccount number, CallSnapshot call) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> terminate(NumberAccount number, CallSnapshot call) {
            return Mono.empty();
        }
    }

    private final HeldProvider go = new HeldProvider(Provider.EVO_GO);
    private final ProviderGateway gateway = new ProviderGateway(List.of(go, new HeldProvider(Provider.META)),
            new Binder(new MapConfigurationPropertySource(Map.of(
                    "ringline.signaling.provider-timeout", "30s",
                    "ringline.signaling.provider-limits.concurrency", "2",
                    "ringline.signaling.provider-limits.waiting", "1",
                    "ringline.signaling.provider-limits.max-wait", "30s",
                    "ringline.signaling.command-deadline", "90s")))
                    .bindOrCreate("ringline.signaling", SignalingProperties.class),
            new SimpleMeterRegistry());

    @Test
    void aNumberBeyondItsLimitIsAnsweredBusyAtOnceWithoutAnyRequest() {
        NumberAccount a = evoGoNumber("http://go.example");
        CallSnapshot call = newCall(Provider.EVO_GO);
        Disposable first = gateway.place(a, call).subscribe();
        Disposable second = gateway.place(a, call).subscribe();
        Disposable waiting = gateway.place(a, call).subscribe();

        CommandError busy = failureOf(gateway.place(a, call));

        assertThat(busy).isEqualTo(new CommandError(503, "PROVIDER_BUSY",
                "Too many requests to Evolution GO are in progress for this number; retry later",
                "{\"retryAfterSeconds\":30}"));
        assertThat(go.asked).as("requests that reached the provider").hasValue(2);
        assertThat(gateway.running(a.numberId())).isEqualTo(2);

        go.release.tryEmitEmpty();
        assertThat(go.asked).as("the waiter went ahead once a slot was free").hasValue(3);
        List.of(first, second, waiting).forEach(Disposable::dispose);
    }

    @Test
    void anotherNumberIsNotHeldUpByAFullOne() {
        NumberAccount a = evoGoNumber("http://go.example");
        NumberAccount b = new NumberAccount("num_other", "ten_other", Provider.EVO_GO, "+551130000001",
                "http://go.example", "other", a.encryptedCredentials(), 1);
        CallSnapshot call = newCall(Provider.EVO_GO);
        for (int i = 0; i < 3; i++) {
            gateway.place(a, call).subscribe();
        }
        Disposable ofB = gateway.place(b, call).subscribe();

        assertThat(go.asked).hasValue(3);
        assertThat(gateway.running(b.numberId())).isEqualTo(1);
        go.release.tryEmitEmpty();
        ofB.dispose();
    }
}
