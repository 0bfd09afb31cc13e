package io.ringline.bench.limits;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.Connection;
import io.ringline.bench.load.ClosedLoop;
import io.ringline.bench.load.Outcome;
import io.ringline.bench.load.RunResult;
import io.ringline.bench.observe.CpuMeter;
import io.ringline.bench.observe.Meters;
import io.ringline.bench.platform.Target;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The bare R2DBC limit: the transaction shape of placing a call — insert the call, update its status, insert an
 * outbox row, commit — through r2dbc-postgresql and r2dbc-pool on the platform's PostgreSQL, with as many
 * transactions in flight as a service's pool has connections ({@value #POOL}). Its own schema, dropped afterwards.
 */
public final class R2dbcLimit {

    static final int POOL = 10;
    private static final String SCHEMA = "bench_limit";

    private R2dbcLimit() {
    }

    public static LimitReport measure(Target.Database db, Duration duration, CpuMeter cpu) {
        ddl(db, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE",
                "CREATE SCHEMA " + SCHEMA,
                "CREATE TABLE " + SCHEMA + ".call (id text PRIMARY KEY, status text NOT NULL, version int NOT NULL,"
                        + " peer text NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)",
                "CREATE TABLE " + SCHEMA + ".outbox (id bigserial PRIMARY KEY, aggregate_id text NOT NULL,"
                        + " payload bytea NOT NULL, created_at timestamptz NOT NULL)");
        ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(new PostgresqlConnectionFactory(
                PostgresqlConnectionConfiguration.builder().host(db.host()).port(db.port()).database(db.name())
                        .username(db.user()).password(db.password()).build()))
                .initialSize(POOL).maxSize(POOL).build());
        try {
            ClosedLoop.run(POOL, duration.dividedBy(3), () -> transaction(pool));
            var before = cpu.snapshot();
            RunResult run = ClosedLoop.run(POOL, duration, () -> transaction(pool));
            return LimitReport.of("bare R2DBC call-shaped transaction (insert + update + outbox insert, commit), pool "
                    + POOL, run, POOL, Meters.perOperation(before, cpu.snapshot(), run.ok()));
        } finally {
            pool.disposeLater().block(Duration.ofSeconds(10));
            ddl(db, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private static Mono<Outcome> transaction(ConnectionPool pool) {
        String id = "call_" + UUID.randomUUID();
        return Mono.usingWhen(pool.create(), connection -> Mono.from(connection.beginTransaction())
                        .then(update(connection, "INSERT INTO " + SCHEMA + ".call (id, status, version, peer, created_at,"
                                + " updated_at) VALUES ($1, 'INITIATED', 0, '+5511988887777', now(), now())", id))
                        .then(update(connection, "UPDATE " + SCHEMA + ".call SET status = 'RINGING', version = version + 1,"
                                + " updated_at = now() WHERE id = $1 AND version = 0", id))
                        .then(Mono.from(connection.createStatement("INSERT INTO " + SCHEMA + ".outbox (aggregate_id,"
                                        + " payload, created_at) VALUES ($1, $2, now())")
                                .bind("$1", id).bind("$2", java.nio.ByteBuffer.wrap(new byte[300])).execute())
                                .flatMap(result -> Mono.from(result.getRowsUpdated())))
                        .then(Mono.from(connection.commitTransaction()))
                        .thenReturn(Outcome.OK),
                Connection::close);
    }

    private static Mono<Long> update(Connection connection, String sql, String id) {
        return Mono.from(connection.createStatement(sql).bind("$1", id).execute())
                .flatMap(result -> Mono.from(result.getRowsUpdated()));
    }

    private static void ddl(Target.Database db, String... statements) {
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("R2DBC limit setup failed: " + e.getMessage(), e);
        }
    }
}
