package io.ringline.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
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
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private record Row(long id, String topic, String key, byte[] payload, OffsetDateTime createdAt) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties props;
    private final String serviceName;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter published;
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private volatile Thread worker;
    private volatile boolean running;

    public OutboxRelay(DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, byte[]> kafka,
            OutboxProperties props, MeterRegistry meters, String serviceName) {
        this.db = db;
        this.serviceName = serviceName;
        this.tx = tx;
        this.kafka = kafka;
        this.props = props;
        this.published = Counter.builder("ringline.outbox.published")
                .description("Outbox rows published to Kafka").register(meters);
        Gauge.builder("ringline.outbox.oldest.age", oldestAgeMillis, a -> a.get() / 1000.0)
                .baseUnit("seconds")
                .description("Age of the oldest row in the last relayed batch (0 when the outbox is drained)")
                .register(meters);
    }

    /** Called after a transaction that wrote outbox rows committed. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    @Override
    public void start() {
        running = true;
        // Named after the service: the dev stack runs several services, each with a relay, in one JVM.
        worker = Thread.ofPlatform().name("outbox-relay-" + serviceName).daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            wakeUp();
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the Kafka producer and connection pool are closed, starts after they exist. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private void loop() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                int sent = relayOnce().block(Duration.ofSeconds(60));
                backoff = Duration.ZERO;
                if (sent == 0) {
                    wakeUps.tryAcquire(props.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                backoff = backoff.isZero() ? Duration.ofMillis(100) : min(backoff.multipliedBy(2), Duration.ofSeconds(5));
                log.warn("outbox relay failed, retrying in {} ms: {}", backoff.toMillis(), e.toString());
                try {
                    wakeUps.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Publishes one batch; emits how many rows it published. Package-private for tests. */
    Mono<Integer> relayOnce() {
        Mono<Integer> work = db.sql("SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))")
                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                .one()
                .flatMap(locked -> locked ? fetchBatch().flatMap(this::publishAndDelete) : Mono.just(0));
        return tx.transactional(work).defaultIfEmpty(0);
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

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
