package io.ringline.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/** The connect-time guard: every resolved address is checked, literal addresses included. */
class GuardedAddressResolverGroupTest {

    /** DNS stand-in: answers each host with the addresses of the table. */
    private static final class TableDns extends AddressResolverGroup<InetSocketAddress> {
        private final Map<String, List<String>> table;

        TableDns(Map<String, List<String>> table) {
            this.table = table;
        }

        @Override
        protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
            return new AbstractAddressResolver<>(executor) {
                @Override
                protected boolean doIsResolved(InetSocketAddress address) {
                    return !address.isUnresolved();
                }

                @Override
                protected void doResolve(InetSocketAddress address, Promise<InetSocketAddress> promise) throws Exception {
                    promise.setSuccess(resolved(address).getFirst());
                }

                @Override
                protected void doResolveAll(InetSocketAddress address, Promise<List<InetSocketAddress>> promise)
                        throws Exception {
                    promise.setSuccess(resolved(address));
                }

                private List<InetSocketAddress> resolved(InetSocketAddress address) throws Exception {
                    List<InetSocketAddress> out = new java.util.ArrayList<>();
                    for (String ip : table.get(address.getHostString())) {
                        out.add(new InetSocketAddress(InetAddress.getByAddress(address.getHostString(),
                                InetAddress.getByName(ip).getAddress()), address.getPort()));
                    }
                    return out;
                }
            };
        }
    }

    private final GuardedAddressResolverGroup guard = new GuardedAddressResolverGroup(new TableDns(Map.of(
            "public.test", List.of("93.184.216.34", "2606:2800:220:1::1"),
            "mixed.test", List.of("93.184.216.34", "10.0.0.7"),
            "rebound.test", List.of("169.254.169.254"))));

    private Future<List<InetSocketAddress>> resolve(String host) {
        return guard.getResolver(ImmediateEventExecutor.INSTANCE).resolveAll(InetSocketAddress.createUnresolved(host, 443));
    }

    @Test
    void passesHostsWhoseEveryAddressIsPublic() {
        Future<List<InetSocketAddress>> result = resolve("public.test");
        assertThat(result.isSuccess()).isTrue();
        assertThat(result.getNow()).hasSize(2);
    }

    @Test
    void refusesAHostIfAnyOfItsAddressesIsPrivate() {
        Future<List<InetSocketAddress>> result = resolve("mixed.test");
        assertThat(result.isSuccess()).isFalse();
        assertThat(result.cause()).isInstanceOf(DestinationRefusedException.class).hasMessageContaining("10.0.0.7")
                .hasMessageContaining("private");
        assertThat(resolve("rebound.test").cause()).hasMessageContaining("link-local");
    }

    @Test
    void refusesLiteralAddressesToo() {
        AddressResolver<InetSocketAddress> resolver = guard.getResolver(ImmediateEventExecutor.INSTANCE);
        InetSocketAddress literal = new InetSocketAddress("127.0.0.1", 443);
        assertThat(resolver.isResolved(literal)).isFalse(); // so Reactor Netty routes it through resolveAll
        assertThat(resolver.resolveAll(literal).cause()).isInstanceOf(DestinationRefusedException.class);
    }

    @Test
    void aRealClientNeverReachesALoopbackServerThroughTheGuard() {
        AtomicInteger received = new AtomicInteger();
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> {
                    received.incrementAndGet();
                    return res.status(200).send();
                })
                .bindNow();
        String url0 = "http://127.0.0.1:" + server.port() + "/hook";
        try {
            GuardedAddressResolverGroup systemGuard = GuardedAddressResolverGroup.overSystemDns();
            HttpClient client = HttpClient.create().resolver(systemGuard);
            for (String url : List.of(url0, "http://localhost:" + server.port() + "/hook")) {
                StepVerifier.create(client.get().uri(url).response())
                        .expectErrorSatisfies(e -> assertThat(Stream.iterate(e, Objects::nonNull, Throwable::getCause))
                                .anyMatch(DestinationRefusedException.class::isInstance))
                        .verify(Duration.ofSeconds(10));
            }
            assertThat(received.get()).isZero();
            // The same client without the guard does reach it: the refusal above is the guard's doing.
            StepVerifier.create(HttpClient.create().get().uri(url0).response().map(r -> r.status().code()))
                    .expectNext(200).verifyComplete();
            systemGuard.close();
        } finally {
            server.disposeNow();
        }
    }
}
