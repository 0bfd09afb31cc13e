package io.ringline.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.platform.lifecycle.Poller;
import io.ringline.platform.lifecycle.Polling;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes outbox rows to Kafka in id order and deletes them once the broker acknowledged them, all
 * in one transaction: a crash before the commit republishes the rows (at least once, consumers
 * deduplicate), never loses them. A transaction-scoped advisory lock lets only one relay per schema
 * work at a time, so several instances of a service keep the order too.
 */
public class OutboxRelay implements Polling {

    private record Row(long id, String topic, String key, byte[] payload, OffsetDateTime createdAt) {
    }

    /** What {@link #relayOnce} emits when another relay of the same schema held the lock. */
    static final int LOCKED_OUT = -1;
    private static final Duration LOCKED_OUT_RETRY = Duration.ofMillis(20);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties props;
    private final Counter published;
    private final Counter publishingRounds;
    private final Counter emptyRounds;
    private final Counter lockedOutRounds;
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final Poller poller;

    public OutboxRelay(DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, byte[]> kafka,
            OutboxProperties props, MeterRegistry meters, String serviceName) {
        this.db = db;
        this.tx = tx;
        this.kafka = kafka;
        this.props = props;
        this.published = Counter.builder("ringline.outbox.published")
                .description("Outbox rows published to Kafka").register(meters);
        this.publishingRounds = rounds(meters, "published");
        this.emptyRounds = rounds(meters, "empty");
        this.lockedOutRounds = rounds(meters, "locked_out");
        Gauge.builder("ringline.outbox.oldest.age", oldestAgeMillis, a -> a.get() / 1000.0)
                .baseUnit("seconds")
                .description("Age of the oldest row in the last relayed batch (0 when the outbox is drained)")
                .register(meters);
        // Named after the service: the dev stack runs several services, each with a relay, in one JVM.
        this.poller = Poller.named("outbox relay of " + serviceName)
                .every(props.pollInterval())
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(5))
                .roundTimeout(Duration.ofSeconds(60))
                .phase(Integer.MAX_VALUE - 1000) // stops before the Kafka producer and the pool close, starts after
                .run(() -> relayOnce().doOnNext(sent -> {
                    if (sent == props.batchSize()) {
                        wakeUp(); // a full batch: there may be more, go on without waiting for the poll interval
                    } else if (sent == LOCKED_OUT) {
                        // Another instance's relay holds the lock and may have read before this instance's rows
                        // committed: look again once its transaction is likely done, not at the next poll.
                        Mono.delay(LOCKED_OUT_RETRY).subscribe(tick -> wakeUp());
                    }
                    // Anything less than a batch drained the outbox as far as this round could see; a row committed
                    // since woke the poller after its commit, and a wake-up during a round asks for one more. A
                    // round after every batch, as before, found nothing most of the time: at a few events a call,
                    // half of the relay's transactions (docs/performance.md).
                }));
    }

    private static Counter rounds(MeterRegistry meters, String outcome) {
        return Counter.builder("ringline.outbox.rounds")
                .description("Relay transactions: published a batch, found the outbox empty, or found another "
                        + "instance's relay at work")
                .tag("outcome", outcome)
                .register(meters);
    }

    @Override
    public Poller poller() {
        return poller;
    }

    /** Called after a transaction that wrote outbox rows committed. */
    public void wakeUp() {
        poller.wakeUp();
    }

    /** Publishes one batch; emits how many rows it published, or {@link #LOCKED_OUT}. Package-private for tests. */
    Mono<Integer> relayOnce() {
        Mono<Integer> work = db.sql("SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))")
                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                .one()
                .flatMap(locked -> locked ? fetchBatch().flatMap(this::publishAndDelete) : Mono.just(LOCKED_OUT));
        return tx.transactional(work).defaultIfEmpty(0).doOnNext(this::countRound);
    }

    private void countRound(int sent) {
        (sent > 0 ? publishingRounds : sent == 0 ? emptyRounds : lockedOutRounds).increment();
    }

    private Mono<List<Row>> fetchBatch() {
        return db.sql("SELECT id, topic, msg_key, payload, created_at FROM outbox ORDER BY id LIMIT :n")
                .bind("n", props.batchSize())
                .map(r -> new Row(r.get("id", Long.class), r.get("topic", String.class), r.get("msg_key", String.class),
                        r.get("payload", byte[].class), r.get("created_at", OffsetDateTime.class)))
                .all()
                .collectList();
    }

    private Mono<Integer> publishAndDelete(List<Row> rows) {
        if (rows.isEmpty()) {
            oldestAgeMillis.set(0);
            return Mono.just(0);
        }
        oldestAgeMillis.set(Math.max(0, System.currentTimeMillis() - rows.getFirst().createdAt().toInstant().toEpochMilli()));
        // Sent in id order on an idempotent producer: per-partition order is the outbox order. Off the R2DBC loop
        // this chain runs on: send() waits for a topic's metadata (and for buffer space) up to max.block.ms.
        Mono<CompletableFuture<Void>> sent = Mono.fromCallable(() -> CompletableFuture.allOf(rows.stream()
                        .map(r -> kafka.send(new ProducerRecord<>(r.topic(), r.key(), r.payload())))
                        .toArray(CompletableFuture[]::new)))
                .subscribeOn(Schedulers.boundedElastic());
        // Exactly these ids: a row with a smaller id may still be uncommitted by another transaction.
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        return sent.flatMap(Mono::fromFuture)
                .then(db.sql("DELETE FROM outbox WHERE id = ANY(:ids)").bind("ids", ids).fetch().rowsUpdated())
                .doOnSuccess(n -> published.increment(rows.size()))
                .thenReturn(rows.size());
    }
}
