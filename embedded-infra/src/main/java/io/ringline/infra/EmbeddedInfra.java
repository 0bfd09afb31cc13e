package io.ringline.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPort(port)
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
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + DB_USER + " LOGIN PASSWORD '" + DB_PASSWORD + "'");
                s.execute("CREATE DATABASE " + DB_NAME + " OWNER " + DB_USER);
            }
            // Created by the superuser in the services' database; the services' role sees its own statements' text.
            try (Connection c = pg.getDatabase("postgres", DB_NAME).getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        } catch (SQLException e) {
            throw new IllegalStateException("embedded PostgreSQL could not be prepared", e);
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
