package io.ringline.signaling.call.provider.evogo;

import static io.ringline.signaling.support.OutboundFixtures.CREDENTIALS;
import static io.ringline.signaling.support.OutboundFixtures.JSON;
import static io.ringline.signaling.support.OutboundFixtures.evoGoNumber;
import static io.ringline.signaling.support.OutboundFixtures.failureOf;
import static io.ringline.signaling.support.OutboundFixtures.newCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.platform.net.GuardedAddressResolverGroup;
import io.ringline.signaling.call.CallSnapshot;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.provider.ProviderHttpConfiguration;
import io.ringline.signaling.number.Provider;
import io.ringline.signaling.support.OutboundFixtures;
import io.ringline.testsupport.http.CountingTcpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.resources.ConnectionProvider;

/**
 * A tenant names its GO server's address, so every request to it goes through the address guard: loopback in
 * any spelling (a name resolving to it included) is refused before a connection exists; and whatever goes
 * wrong on the way, the tenant reads the same words (no port scanning through Ringline).
 */
class EvoGoOutboundTest {

    private static final ConnectionProvider CONNECTIONS = OutboundFixtures.connections();
    private static final GuardedAddressResolverGroup GUARD = GuardedAddressResolverGroup.overSystemDns();
    private static final CommandError UNREACHABLE = new CommandError(502, "PROVIDER_UNREACHABLE",
            "Evolution GO could not be reached", null);

    private final CallSnapshot call = newCall(Provider.EVO_GO);

    @AfterAll
    static void close() {
        CONNECTIONS.dispose();
        GUARD.close();
    }

    private static EvoGoCallProvider provider(boolean guarded) {
        return new EvoGoCallProvider(ProviderHttpConfiguration.providerWebClient(CONNECTIONS, guarded ? GUARD : null),
                CREDENTIALS, JSON);
    }

    @ParameterizedTest(name = "GO at {0}")
    @ValueSource(strings = {"127.0.0.1", "localhost", "LOCALHOST", "0.0.0.0"})
    void theGuardRefusesLoopbackBeforeAnyConnection(String host) {
        try (CountingTcpServer go = new CountingTcpServer(CountingTcpServer.Mode.HOLD_OPEN)) {
            CommandError error = failureOf(provider(true).place(evoGoNumber("http://" + host + ":" + go.port() + "/go"), call));

            assertThat(error).isEqualTo(UNREACHABLE);
            assertThat(go.accepted()).as("connections the loopback server accepted").isZero();
        }
    }

    @Test
    void withoutTheGuardTheSameServerIsReached() {
        try (CountingTcpServer go = new CountingTcpServer(CountingTcpServer.Mode.CLOSE_AT_ONCE)) {
            failureOf(provider(false).place(evoGoNumber("http://127.0.0.1:" + go.port() + "/go"), call));

            assertThat(go.accepted()).as("the refusal above is the guard's doing, not the server's").isPositive();
        }
    }

    @Test
    void closedPortOpenButRefusedAndGuardRefusedReadTheSame() {
        CommandError closed = failureOf(provider(false).place(
                evoGoNumber("http://127.0.0.1:" + CountingTcpServer.closedPort() + "/go"), call));
        CommandError openButRefused;
        CommandError guardRefused;
        try (CountingTcpServer go = new CountingTcpServer(CountingTcpServer.Mode.CLOSE_AT_ONCE)) {
            openButRefused = failureOf(provider(false).place(evoGoNumber("http://127.0.0.1:" + go.port() + "/go"), call));
            guardRefused = failureOf(provider(true).place(evoGoNumber("http://127.0.0.1:" + go.port() + "/go"), call));
        }

        assertThat(closed).isEqualTo(UNREACHABLE);
        assertThat(openButRefused).isEqualTo(closed);
        assertThat(guardRefused).isEqualTo(closed);
        // the reply carries exactly these fields, so the gateway's body and the GO layer's {error} are identical too
        assertThat(closed.message()).doesNotContainIgnoringCase("refused").doesNotContain("127.0.0.1");
    }
}
