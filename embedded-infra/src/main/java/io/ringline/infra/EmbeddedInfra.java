package io.ringline.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker (KRaft, in this JVM) and a real PostgreSQL server (embedded binaries, own
 * process), started together. Used by the dev stack (fixed ports) and by every integration test
 * (random ports, one pair per test JVM through {@link #shared()}).
 */
public final class EmbeddedInfra implements AutoCloseable {

    /** Role and database the services use by default (ringline-platform-defaults.yml). */
    public static final String DB_NAME = "ringline";
    public static final String DB_USER = "ringline";
    public static final String DB_PASSWORD = "ringline";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInfra.class);
    /**
     * zonky's default is 10 s. initdb is not part of it, but the postmaster's start on a loaded machine (a CI host
     * running other builds, two cores busy with a test JVM) can take longer; a postmaster that could not bind its
     * port is only noticed when the wait runs out, so it is not made longer than that needs.
     */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

    private static EmbeddedInfra shared;

    private final EmbeddedKafkaKraftBroker kafka;
    private final EmbeddedPostgres postgres;
    private final String kafkaBootstrap;

    private EmbeddedInfra(EmbeddedKafkaKraftBroker kafka, String kafkaBootstrap, EmbeddedPostgres postgres) {
        this.kafka = kafka;
        this.kafkaBootstrap = kafkaBootstrap;
        this.postgres = postgres;
    }

    /**
     * @param kafkaPort    port clients use to reach the broker, 0 for any free port
     * @param postgresPort port of the PostgreSQL server, 0 for any free port
     */
    public static EmbeddedInfra start(int kafkaPort, int postgresPort) {
        return start(true, kafkaPort, true, postgresPort);
    }

    /** Starts only the parts asked for; the others are expected to be external (see {@link #environment()}). */
    public static EmbeddedInfra start(boolean withKafka, int kafkaPort, boolean withPostgres, int postgresPort) {
        // Side by side: the database's start is mostly initdb and pg_ctl in processes of their own, so it overlaps
        // the broker's in-JVM start instead of adding to it (the dev stack's start-up and every test JVM count both).
        CompletableFuture<EmbeddedPostgres> postgres = withPostgres
                ? CompletableFuture.supplyAsync(() -> startPostgres(postgresPort),
                        task -> Thread.ofPlatform().name("embedded-postgres-start").daemon().start(task))
                : CompletableFuture.completedFuture(null);
        EmbeddedKafkaKraftBroker kafka = null;
        try {
            kafka = withKafka ? startKafka(kafkaPort) : null;
            EmbeddedPostgres pg = postgres.join();
            String bootstrap = kafka == null ? null : kafkaPort > 0 ? "localhost:" + kafkaPort : kafka.getBrokersAsString();
            return new EmbeddedInfra(kafka, bootstrap, pg);
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.destroy();
            }
            stopQuietly(postgres.exceptionally(failed -> null).join()); // waits: no database outlives a failed start
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static void stopQuietly(EmbeddedPostgres pg) {
        if (pg == null) {
            return;
        }
        try {
            pg.close();
        } catch (IOException e) {
            // best effort after a failed start: the start's own failure is what is reported
        }
    }

    /** One broker and one database for the whole test JVM, stopped when the JVM exits. */
    public static synchronized EmbeddedInfra shared() {
        if (shared == null) {
            shared = start(0, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "embedded-infra-stop"));
        }
        return shared;
    }

    private static EmbeddedKafkaKraftBroker startKafka(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        Map<String, String> props = new LinkedHashMap<>();
        // One broker: internal topics cannot be replicated more than once.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("auto.create.topics.enable", "true");
        props.put("group.initial.rebalance.delay.ms", "0");
        if (port > 0) {
            // kafkaPorts(...) is ignored by the KRaft kit; a third listener it does not pre-bind is not.
            props.put("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,DEV://localhost:" + port);
            props.put("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,DEV:PLAINTEXT");
        }
        broker.brokerProperties(props);
        broker.afterPropertiesSet();
        return broker;
    }

    private static EmbeddedPostgres startPostgres(int port) {
        return port > 0
                ? startPostgres(() -> port, 1, STARTUP_WAIT)
                : startPostgres(EmbeddedInfra::freeLoopbackPort, 2, STARTUP_WAIT);
    }

    /**
     * A server on the port {@code ports} gives, tried up to {@code attempts} times, each on a new port and a new
     * data directory. A free port is only free until the postmaster binds it, after initdb: the broker starting
     * beside it, or any other process, may take it first, and the postmaster then exits while zonky waits out the
     * whole startup wait (CI on 2026-12-05 lost a test JVM's database that way).
     * A fixed port is tried once: taken, it is a configuration error to report, not to work around.
     */
    static EmbeddedPostgres startPostgres(IntSupplier ports, int attempts, Duration startupWait) {
        IOException failed = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            int port = ports.getAsInt();
            try {
                return startPostgresOn(port, startupWait);
            } catch (IOException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
                LOG.warn("embedded PostgreSQL did not start on port {} (attempt {} of {}): {}", port, attempt,
                        attempts, e.getMessage());
            }
        }
        throw new UncheckedIOException("embedded PostgreSQL did not start", failed);
    }

    private static EmbeddedPostgres startPostgresOn(int port, Duration startupWait) throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(port)
                .setPGStartupWait(startupWait)
                // zonky asks "ready?" over JDBC, which by default waits for an answer without end: when the port
                // was taken by a listener that is not PostgreSQL (the broker starting beside it: its listeners bind
                // free ports too), the question hung until the broker dropped the idle connection 10 minutes later.
                .setConnectConfig("loginTimeout", String.valueOf(Math.max(1, startupWait.toSeconds() / 3)))
                // Stopped by close(), after the services: its own hook would race them at JVM exit.
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "off")
                // Statement counters (calls, execution and planning time, rows) for the benchmark and for anyone
                // asking which statement costs what (docs/performance.md). Not utility statements: their text is
                // kept as written, and the CREATE ROLE below carries a password.
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track_utility", "off")
                .setServerConfig("pg_stat_statements.track_planning", "on")
                .start();
        try {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + DB_USER + " LOGIN PASSWORD '" + DB_PASSWORD + "'");
                s.execute("CREATE DATABASE " + DB_NAME + " OWNER " + DB_USER);
            }
            // Created by the superuser in the services' database; the services' role sees its own statements' text.
            try (Connection c = pg.getDatabase("postgres", DB_NAME).getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            return pg;
        } catch (SQLException e) {
            stopQuietly(pg);
            throw new IllegalStateException("embedded PostgreSQL could not be prepared", e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public int postgresPort() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgresPort() + "/" + DB_NAME;
    }

    /** The environment-variable contract of the services, for the parts started here. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (kafka != null) {
            env.put("RINGLINE_KAFKA_BOOTSTRAP", kafkaBootstrap);
        }
        if (postgres != null) {
            env.put("RINGLINE_DB_HOST", "localhost");
            env.put("RINGLINE_DB_PORT", String.valueOf(postgresPort()));
            env.put("RINGLINE_DB_NAME", DB_NAME);
            env.put("RINGLINE_DB_USER", DB_USER);
            env.put("RINGLINE_DB_PASSWORD", DB_PASSWORD);
        }
        return env;
    }

    public EmbeddedKafkaKraftBroker kafka() {
        return kafka;
    }

    @Override
    public void close() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            // best effort on shutdown
        } finally {
            if (kafka != null) {
                kafka.destroy();
            }
        }
    }
}
