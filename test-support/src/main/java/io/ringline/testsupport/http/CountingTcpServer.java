package io.ringline.testsupport.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TCP listener on 127.0.0.1 that counts every connection it accepts — the proof that a refused
 * destination got none. It either closes each connection at once without a byte (an open port that is not
 * what the client expects) or keeps it open without ever answering.
 */
public final class CountingTcpServer implements AutoCloseable {

    /** What it does with an accepted connection. */
    public enum Mode { CLOSE_AT_ONCE, HOLD_OPEN }

    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public CountingTcpServer(Mode mode) {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        acceptor = Thread.ofPlatform().daemon().name("counting-tcp-server-" + socket.getLocalPort()).start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    accepted.incrementAndGet();
                    if (mode == Mode.CLOSE_AT_ONCE) {
                        connection.close();
                    } else {
                        held.add(connection);
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    @Override
    public void close() {
        try {
            socket.close();
            for (Socket connection : held) {
                connection.close();
            }
            acceptor.join(5_000);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port nobody listens on (bound, then released). */
    public static int closedPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
