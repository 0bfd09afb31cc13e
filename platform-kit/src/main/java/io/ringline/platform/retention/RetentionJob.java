package io.ringline.platform.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.platform.lifecycle.Poller;
import io.ringline.platform.lifecycle.Polling;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Prunes every table of the service past its {@link RetentionRule} on a schedule. A rule runs in batches of at
 * most {@code batch-size} rows, one transaction each, until a batch comes back short or the run's batch budget
 * is spent: never one unbounded DELETE, never a transaction that grows with the backlog. Counts what it pruned
 * ({@code ringline_retention_pruned_total{table}}) and what failed ({@code ringline_retention_failures_total});
 * a failing rule is retried on the next run and does not stop the others.
 */
public class RetentionJob implements Polling {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final List<RetentionRule> rules;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final RetentionProperties props;
    private final MeterRegistry meters;
    private final Poller poller;

    public RetentionJob(List<RetentionRule> rules, TransactionalOperator tx, Clock clock, RetentionProperties props,
            MeterRegistry meters) {
        this.rules = List.copyOf(rules);
        this.tx = tx;
        this.clock = clock;
        this.props = props;
        this.meters = meters;
        for (RetentionRule rule : this.rules) {
            pruned(rule.table());
            failures(rule.table());
        }
        this.poller = Poller.named("retention")
                .enabled(props.enabled() && !this.rules.isEmpty())
                .initialDelay(props.initialDelay())
                .every(props.interval())
                .run(this::runOnce);
    }

    @Override
    public Poller poller() {
        return poller;
    }

    public List<RetentionRule> rules() {
        return rules;
    }

    /** Runs every rule once against the clock's now; emits rows pruned per table (a failed rule counts 0). */
    public Mono<Map<String, Long>> runOnce() {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            Map<String, Long> counts = new LinkedHashMap<>();
            return Flux.fromIterable(rules)
                    .concatMap(rule -> run(rule, now).doOnNext(n -> counts.merge(rule.table(), n, Long::sum)))
                    .then(Mono.fromSupplier(() -> counts));
        });
    }

    private Mono<Long> run(RetentionRule rule, Instant now) {
        Instant cutoff = now.minus(rule.period());
        int limit = props.batchSize();
        Counter pruned = pruned(rule.table());
        return Flux.range(0, props.maxBatchesPerRun())
                .concatMap(batch -> tx.transactional(rule.pruneBatch(cutoff, limit)).defaultIfEmpty(0L))
                .doOnNext(pruned::increment)
                .takeUntil(n -> n < limit)
                .reduce(0L, Long::sum)
                .doOnNext(n -> {
                    if (n > 0) {
                        log.info("retention: pruned {} rows of {} older than {} (cutoff {})", n, rule.table(),
                                rule.period(), cutoff);
                    }
                })
                .onErrorResume(e -> {
                    failures(rule.table()).increment();
                    log.warn("retention: pruning {} failed, the next run retries: {}", rule.table(), e.toString());
                    return Mono.just(0L);
                });
    }

    private Counter pruned(String table) {
        return Counter.builder("ringline.retention.pruned").tag("table", table)
                .description("Rows deleted (or scrubbed) by the retention job").register(meters);
    }

    private Counter failures(String table) {
        return Counter.builder("ringline.retention.failures").tag("table", table)
                .description("Retention runs of a table that failed (retried on the next run)").register(meters);
    }
}
