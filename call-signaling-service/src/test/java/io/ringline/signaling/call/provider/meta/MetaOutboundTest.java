package io.ringline.signaling.call.provider.meta;

import static io.ringline.signaling.support.OutboundFixtures.CREDENTIALS;
import static io.ringline.signaling.support.OutboundFixtures.JSON;
import static io.ringline.signaling.support.OutboundFixtures.failureOf;
import static io.ringline.signaling.support.OutboundFixtures.metaNumber;
import static io.ringline.signaling.support.OutboundFixtures.newCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.platform.net.GuardedAddressResolverGroup;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.provider.ProviderHttpConfiguration;
import io.ringline.signaling.number.Provider;
import io.ringline.signaling.support.OutboundFixtures;
import io.ringline.testsupport.http.CountingTcpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.netty.resources.ConnectionProvider;

/** A META number's Graph base URL is the tenant's to set too: same guard, same single answer when unreachable. */
class MetaOutboundTest {

    private static final ConnectionProvider CONNECTIONS = OutboundFixtures.connections();
    private static final GuardedAddressResolverGroup GUARD = GuardedAddressResolverGroup.overSystemDns();
    private static final CommandError UNREACHABLE = new CommandError(502, "PROVIDER_UNREACHABLE",
            "Meta could not be reached", null);

    @AfterAll
    static void close() {
        CONNECTIONS.dispose();
        GUARD.close();
    }

    private static MetaCallProvider provider(boolean guarded) {
        return new MetaCallProvider(new MetaGraphClient(
                ProviderHttpConfiguration.providerWebClient(CONNECTIONS, guarded ? GUARD : null), CREDENTIALS, JSON));
    }

    @Test
    void closedPortOpenButRefusedAndGuardRefusedReadTheSameAndTheGuardConnectsNowhere() {
        var call = newCall(Provider.META);
        CommandError closed = failureOf(provider(false).place(
                metaNumber("http://127.0.0.1:" + CountingTcpServer.closedPort() + "/v21.0"), call));
        CommandError openButRefused;
        CommandError guardRefused;
        try (CountingTcpServer graph = new CountingTcpServer(CountingTcpServer.Mode.CLOSE_AT_ONCE)) {
            guardRefused = failureOf(provider(true).place(metaNumber("http://localhost:" + graph.port() + "/v21.0"), call));
            assertThat(graph.accepted()).as("connections while the guard was on").isZero();
            openButRefused = failureOf(provider(false).place(metaNumber("http://127.0.0.1:" + graph.port() + "/v21.0"), call));
            assertThat(graph.accepted()).as("the same server is reachable without the guard").isPositive();
        }

        assertThat(closed).isEqualTo(UNREACHABLE);
        assertThat(openButRefused).isEqualTo(closed);
        assertThat(guardRefused).isEqualTo(closed);
    }
}
