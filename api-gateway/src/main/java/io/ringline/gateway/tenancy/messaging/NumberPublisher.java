package io.ringline.gateway.tenancy.messaging;

import io.ringline.platform.lifecycle.Poller;
import io.ringline.platform.lifecycle.Polling;
import io.ringline.platform.outbox.OutboxWriter;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.NumberRevision;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Publishes numbers on the compacted {@code numbers} topic through the outbox, so the services that act for
 * numbers replicate them once instead of receiving them (with their sealed credentials) on every command.
 *
 * <p>A change made through the API publishes in its own transaction ({@link #publish}): the revision and its
 * record commit together. A sweep publishes whatever is still ahead of its last published revision — numbers
 * registered before the topic existed, and numbers {@code bin/reencrypt} re-sealed (it bumps the version).
 */
@Component
public class NumberPublisher implements Polling {

    private static final Logger log = LoggerFactory.getLogger(NumberPublisher.class);

    private final DatabaseClient db;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final NumberPublicationProperties props;
    private final Clock clock;
    private final Poller poller;

    NumberPublisher(DatabaseClient db, OutboxWriter outbox, TransactionalOperator tx, NumberPublicationProperties props,
            Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.tx = tx;
        this.props = props;
        this.clock = clock;
        this.poller = Poller.named("number publication sweep").every(props.sweepInterval())
                .run(() -> sweep().doOnNext(n -> {
                    if (n > 0) {
                        log.info("published {} number revisions on {}", n, Topics.NUMBERS.name());
                    }
                }));
    }

    @Override
    public Poller poller() {
        return poller;
    }

    /**
     * Appends the number's current revision (deleted or not) to the outbox and marks it published. Must run in
     * the transaction that changed the number, after the change.
     */
    public Mono<Void> publish(String numberId) {
        return db.sql("SELECT id, tenant_id, phone, provider, base_url, account_id, encrypted_credentials, version, "
                        + "deleted_at IS NOT NULL AS deleted FROM numbers WHERE id = :id FOR UPDATE")
                .bind("id", numberId)
                .map(row -> NumberRevisionMapper.toAvro(
                        row.get("id", String.class), row.get("tenant_id", String.class),
                        row.get("provider", String.class), row.get("phone", String.class),
                        row.get("base_url", String.class), row.get("account_id", String.class),
                        row.get("encrypted_credentials", String.class), row.get("version", Long.class),
                        Boolean.TRUE.equals(row.get("deleted", Boolean.class)), now()))
                .one()
                .flatMap(this::append);
    }

    private Mono<Void> append(NumberRevision revision) {
        String numberId = revision.getNumber().getNumberId();
        return outbox.append(Topics.NUMBERS, numberId, revision)
                .then(db.sql("UPDATE numbers SET published_version = :v WHERE id = :id")
                        .bind("v", revision.getNumber().getVersion())
                        .bind("id", numberId)
                        .fetch().rowsUpdated())
                .then();
    }

    /** Publishes every number whose current revision was never published, a batch per transaction; emits how many. */
    Mono<Long> sweep() {
        return sweepBatch().expand(n -> n < props.batchSize() ? Mono.empty() : sweepBatch()).reduce(0L, Long::sum);
    }

    private Mono<Long> sweepBatch() {
        // SKIP LOCKED: a number an API change is publishing right now is that change's business.
        return db.sql("SELECT id FROM numbers WHERE published_version IS DISTINCT FROM version ORDER BY id "
                        + "LIMIT :n FOR UPDATE SKIP LOCKED")
                .bind("n", props.batchSize())
                .map(row -> row.get("id", String.class))
                .all()
                .concatMap(id -> publish(id).thenReturn(id))
                .count()
                .as(tx::transactional);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
