package io.ringline.testsupport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The TCP server counts every connection; a closed port accepts none. */
class CountingTcpServerTest {

    @Test
    void countsEachConnectionAndClosesItAtOnceWhenToldTo() throws IOException {
        try (CountingTcpServer server = new CountingTcpServer(CountingTcpServer.Mode.CLOSE_AT_ONCE);
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            assertThat(socket.getInputStream().read()).as("closed without a byte").isEqualTo(-1);
            assertThat(server.accepted()).isEqualTo(1);
        }
    }

    @Test
    void holdsConnectionsOpenWhenToldTo() throws IOException {
        try (CountingTcpServer server = new CountingTcpServer(CountingTcpServer.Mode.HOLD_OPEN);
                Socket first = new Socket(InetAddress.getLoopbackAddress(), server.port());
                Socket second = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> server.accepted() == 2);
            assertThat(first.isClosed()).isFalse();
        }
    }

    @Test
    void nobodyListensOnAClosedPort() {
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), CountingTcpServer.closedPort()).close())
                .isInstanceOf(IOException.class);
    }
}
