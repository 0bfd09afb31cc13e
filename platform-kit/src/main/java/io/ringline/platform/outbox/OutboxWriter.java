package io.ringline.platform.outbox;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.schemas.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Appends a record to the outbox. Must run inside the transaction of the state change it reports:
 * both commit or neither does, so there is never an event without its change or a change without its
 * event.
 *
 * <p>Inside a transaction the rows wait in the transaction and are written together just before it
 * commits, in the order they were appended, as one multi-row statement (chunks of
 * {@link #MAX_ROWS_PER_STATEMENT}): a poll of signals applied in one transaction wrote a row per signal,
 * a round trip each, and r2dbc-postgresql never pipelines them (docs/performance.md). A write the
 * database refuses fails the commit, so the transaction rolls back as a whole, as before. Outside a
 * transaction a row is written at once.
 */
public class OutboxWriter {

    /** Each size up to this is its own statement text, so the driver caches at most this many plans. */
    static final int MAX_ROWS_PER_STATEMENT = 32;

    private record Row(String topic, String key, byte[] payload) {
    }

    private final DatabaseClient db;
    private final RecordEncoder encoder;
    private final OutboxRelay relay;
    private final DistributionSummary rowsPerWrite;

    public OutboxWriter(DatabaseClient db, RecordEncoder encoder, OutboxRelay relay, MeterRegistry meters) {
        this.db = db;
        this.encoder = encoder;
        this.relay = relay;
        this.rowsPerWrite = DistributionSummary.builder("ringline.outbox.writes")
                .baseUnit("rows")
                .description("Outbox rows per INSERT: a transaction's rows are written together before it commits")
                .register(meters);
    }

    public <V extends SpecificRecord> Mono<Void> append(Topic<V> topic, String key, V value) {
        return Mono.defer(() -> {
            Row row = new Row(topic.name(), key, encoder.encode(topic.name(), value));
            return currentTransaction().flatMap(tx -> tx
                    .filter(TransactionSynchronizationManager::isSynchronizationActive)
                    .map(active -> Mono.<Void>fromRunnable(() -> pendingIn(active).add(row)))
                    .orElseGet(() -> write(List.of(row)).then(Mono.fromRunnable(relay::wakeUp))));
        });
    }

    private static Mono<Optional<TransactionSynchronizationManager>> currentTransaction() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .map(Optional::of)
                .onErrorResume(NoTransactionException.class, e -> Mono.just(Optional.empty()));
    }

    /**
     * This writer's rows of the current transaction. Kept in a synchronization rather than a bound resource: a
     * suspended transaction's synchronizations are set aside with it, so an inner one never sees the outer's rows.
     */
    private Pending pendingIn(TransactionSynchronizationManager tx) {
        for (TransactionSynchronization registered : tx.getSynchronizations()) {
            if (registered instanceof Pending pending && pending.writer() == this) {
                return pending;
            }
        }
        Pending pending = new Pending();
        tx.registerSynchronization(pending);
        return pending;
    }

    private Mono<Void> write(List<Row> rows) {
        List<List<Row>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += MAX_ROWS_PER_STATEMENT) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + MAX_ROWS_PER_STATEMENT)));
        }
        return Flux.fromIterable(chunks).concatMap(this::insert).then();
    }

    private Mono<Void> insert(List<Row> chunk) {
        StringBuilder sql = new StringBuilder("INSERT INTO outbox (topic, msg_key, payload) VALUES ");
        for (int i = 0; i < chunk.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:t").append(i).append(", :k").append(i).append(", :p").append(i)
                    .append(')');
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (int i = 0; i < chunk.size(); i++) {
            Row row = chunk.get(i);
            spec = spec.bind("t" + i, row.topic()).bind("k" + i, row.key()).bind("p" + i, row.payload());
        }
        return spec.fetch().rowsUpdated().doOnNext(written -> rowsPerWrite.record(chunk.size())).then();
    }

    /** One transaction's rows, written before it commits; the relay is woken once it has. */
    private final class Pending implements TransactionSynchronization {

        private final List<Row> rows = new ArrayList<>();

        OutboxWriter writer() {
            return OutboxWriter.this;
        }

        synchronized void add(Row row) {
            rows.add(row);
        }

        private synchronized List<Row> taken() {
            List<Row> taken = List.copyOf(rows);
            rows.clear();
            return taken;
        }

        @Override
        public Mono<Void> beforeCommit(boolean readOnly) {
            return Mono.defer(() -> {
                List<Row> taken = taken();
                return taken.isEmpty() ? Mono.empty() : write(taken);
            });
        }

        @Override
        public Mono<Void> afterCommit() {
            // The relay would find the rows on its next poll anyway; waking it after commit saves that wait.
            return Mono.fromRunnable(relay::wakeUp);
        }
    }
}
