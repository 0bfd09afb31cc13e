package io.ringline.platform.net;

import java.time.Duration;
import reactor.netty.resources.ConnectionProvider;

/**
 * How every Ringline HTTP client pools its connections. A kept-alive connection is given up after
 * {@link #MAX_IDLE} without use, shorter than the time the servers at the other end keep it: every Ringline
 * server closes a connection that sends no request within its header timeout (10 s,
 * {@code ringline.server.header-timeout}), and Node.js, behind many tenants' webhook endpoints, after 5 s. A
 * client that keeps its side longer sooner or later sends a request on a connection the server is closing at
 * that moment, and gets "connection reset by peer" for a request the server never read (seen in CI between two
 * gateways, and possible on every internal hop). Reactor Netty's default pool never gives a connection up.
 */
public final class ClientPools {

    /** Below the shortest keep-alive of the servers we call (Node.js's 5 s default). */
    public static final Duration MAX_IDLE = Duration.ofSeconds(4);

    private ClientPools() {
    }

    /** A pool builder that gives idle connections up after {@link #MAX_IDLE}, checked in the background too. */
    public static ConnectionProvider.Builder builder(String name) {
        return ConnectionProvider.builder(name)
                .maxIdleTime(MAX_IDLE)
                .evictInBackground(MAX_IDLE);
    }
}
