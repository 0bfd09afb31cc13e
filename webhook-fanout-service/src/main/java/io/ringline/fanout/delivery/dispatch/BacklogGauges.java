package io.ringline.fanout.delivery.dispatch;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.fanout.config.FanoutProperties;
import io.ringline.fanout.delivery.persistence.DeliveryRepository;
import io.ringline.platform.lifecycle.Poller;
import io.ringline.platform.lifecycle.Polling;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The backlog as every instance sees it (from the database, not from this instance's memory): how many
 * deliveries are due and how long the oldest has waited. Refreshed periodically; scrapes never hit the DB. A backlog
 * that has grown past the plans the connections hold has them made again ({@link QueueGrowth}).
 */
@Component
class BacklogGauges implements Polling {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogGauges.class);

    private final DeliveryRepository deliveries;
    private final Clock clock;
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final QueueGrowth growth = new QueueGrowth(); // only the poller's one round at a time touches it
    private final Poller poller;

    BacklogGauges(DeliveryRepository deliveries, Clock clock, FanoutProperties props, MeterRegistry registry) {
        this.deliveries = deliveries;
        this.clock = clock;
        Gauge.builder("ringline.webhook.due.depth", depth, AtomicLong::get)
                .description("Deliveries due now and not yet delivered (all instances)")
                .register(registry);
        Gauge.builder("ringline.webhook.oldest.due.age", oldestAgeMillis, a -> a.get() / 1000.0)
                .baseUnit("seconds")
                .description("How long the oldest due delivery has been waiting (0 when none is due)")
                .register(registry);
        this.poller = Poller.named("backlog gauge refresh").every(props.metricsRefresh())
                .failuresLoggedAt(Level.DEBUG)
                .run(this::refresh);
    }

    @Override
    public Poller poller() {
        return poller;
    }

    private void replanned(long queued) {
        growth.replannedAt(queued);
        LOG.info("the delivery queue grew to {} rows: analysed, so every connection plans its statements again", queued);
    }

    private Mono<Void> refresh() {
        Instant now = clock.instant();
        return deliveries.backlog(now)
                .flatMap(b -> {
                    depth.set(b.depth());
                    oldestAgeMillis.set(b.oldestDueAt() == null ? 0
                            : Math.max(0, Duration.between(b.oldestDueAt(), now).toMillis()));
                    return growth.outgrown(b.queued())
                            ? deliveries.replanQueue().then(Mono.fromRunnable(() -> replanned(b.queued())))
                            : Mono.<Void>empty();
                })
                .then();
    }
}
