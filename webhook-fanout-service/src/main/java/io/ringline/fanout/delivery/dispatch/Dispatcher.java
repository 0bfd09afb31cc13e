package io.ringline.fanout.delivery.dispatch;

import io.ringline.fanout.config.FanoutProperties;
import io.ringline.fanout.delivery.AttemptResult;
import io.ringline.fanout.delivery.ClaimedDelivery;
import io.ringline.fanout.delivery.Delivery;
import io.ringline.fanout.delivery.DestinationHost;
import io.ringline.fanout.delivery.http.OutgoingWebhook;
import io.ringline.fanout.delivery.http.WebhookSender;
import io.ringline.fanout.delivery.persistence.DeliveryRepository;
import io.ringline.fanout.metrics.WebhookMetrics;
import io.ringline.fanout.subscription.WebhookSecret;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.platform.lifecycle.Poller;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Moves due deliveries out: polls (or is woken when new deliveries commit, or when a slot frees up that a claim may
 * have left work behind for), leases as many due deliveries as it has free slots for — overall, per endpoint and per
 * destination host — and runs each attempt without waiting for the others. Deliveries a call-events poll creates
 * skip the claim when it can: it {@link #hold holds} slots for them first, its transaction leases them, and they are
 * launched once it commits ({@link HeldSlots}). Finished attempts are recorded in batches ({@link AttemptCompletion}); an attempt
 * counts against {@code max-in-flight} until it is recorded, against its endpoint's and host's slots until its
 * response is in. Nothing is kept only in memory: a delivery's state lives in the
 * database, so a crash loses at most the in-flight attempts, which are retried when their leases expire.
 */
@Component
public class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryRepository deliveries;
    private final AttemptCompletion completion;
    private final WebhookSender sender;
    private final SecretBox secretBox;
    private final Clock clock;
    private final FanoutProperties.Delivery props;
    private final EndpointSlots slots;
    private final EndpointSlots hostSlots;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final WebhookMetrics metrics;
    /** True from a claim round's reading of the free slots until its attempts are launched. */
    private volatile boolean claiming;
    private final Object idle = new Object();
    private final Poller claims;

    Dispatcher(DeliveryRepository deliveries, AttemptCompletion completion, WebhookSender sender, SecretBox secretBox,
            Clock clock, FanoutProperties props, WebhookMetrics metrics) {
        this.metrics = metrics;
        this.deliveries = deliveries;
        this.completion = completion;
        this.sender = sender;
        this.secretBox = secretBox;
        this.clock = clock;
        this.props = props.delivery();
        this.slots = new EndpointSlots(this.props.maxInFlightPerEndpoint());
        this.hostSlots = new EndpointSlots(this.props.maxInFlightPerHost());
        metrics.attemptsInFlight(inFlight::get);
        this.claims = Poller.named("webhook dispatcher claims").every(this.props.pollInterval())
                .backoff(this.props.pollInterval(), Duration.ofSeconds(5))
                .run(this::claimAndLaunch);
    }

    /** Asks for a claim round now rather than at the next poll; cheap and safe to call from anywhere. */
    public void wakeUp() {
        // Attempts finish on many threads at once, event loops among them: the poller's wake-up neither blocks nor
        // spins, and one that arrives during a claim round is kept, so another round follows (that round may have
        // counted the slots before this one's were freed).
        claims.wakeUp();
    }

    @Override
    public void start() {
        claims.start();
    }

    /** One claim round; emits once the claimed attempts are launched (not finished). */
    private Mono<Void> claimAndLaunch() {
        int free = props.maxInFlight() - inFlight.get();
        if (free <= 0) {
            return Mono.empty(); // the attempt that takes inFlight below the cap wakes the next round
        }
        int limit = Math.min(free, props.batchSize());
        claiming = true;
        return deliveries.claim(clock.instant(), props.lease(), UUID.randomUUID().toString(), limit,
                        slots.perEndpoint(), slots.busyFree(), hostSlots.perEndpoint(), hostSlots.busyFree())
                .doOnNext(claimed -> {
                    metrics.claimRound(!claimed.isEmpty());
                    claimed.forEach(this::launch);
                    claiming = false; // from here on, the next round reads the freed slots itself
                    if (claimed.size() == limit) {
                        wakeUp(); // there may be more due right now
                    }
                })
                .doFinally(signal -> claiming = false)
                .then();
    }

    /**
     * Holds slots for deliveries a call-events poll is creating (in their order, while the instance and each host
     * are less than half busy, within every bound), so its transaction can lease them and {@link HeldSlots#launch}
     * send them once it commits — no claim round. Nothing is held while switched off ({@code launch-created}) or
     * stopped.
     *
     * @param urlOf the URL of each delivery's subscription
     */
    public HeldSlots hold(List<Delivery> created, Function<String, String> urlOf) {
        // A held slot idles for the length of the poll's transaction (a few ms, tens under load). With room to spare
        // that costs nothing and saves a claim round; near the bounds the slot is worth more than the round — which
        // under load leases many deliveries at once anyway — so slots are held only while the instance and the
        // host are less than half busy (measured: docs/performance.md "Hot path step: a poll sends what it creates").
        if (!props.launchCreated() || !isRunning() || created.isEmpty() || !lessThanHalfBusy(null)) {
            return HeldSlots.NONE;
        }
        Map<String, HeldSlots.Held> held = new LinkedHashMap<>();
        for (Delivery delivery : created) {
            Delivery.Snapshot d = delivery.snapshot();
            String host = DestinationHost.of(urlOf.apply(d.subscriptionId()));
            if (host != null && lessThanHalfBusy(host) && acquire(d.subscriptionId(), host)) {
                held.put(d.id(), new HeldSlots.Held(d.subscriptionId(), host));
            }
        }
        return held.isEmpty() ? HeldSlots.NONE
                : new HeldSlots(this, held, UUID.randomUUID().toString(), clock.instant().plus(props.lease()));
    }

    /** The instance, and {@code host} unless null, run fewer attempts than half their bound. */
    private boolean lessThanHalfBusy(String host) {
        return inFlight.get() < props.maxInFlight() / 2
                && (host == null || hostSlots.inUse(host) < hostSlots.perEndpoint() / 2);
    }

    private void launch(ClaimedDelivery claimed) {
        if (!acquire(claimed.delivery().subscriptionId(), claimed.host())) {
            // A claim counts the free slots before it runs; slots held meanwhile for a poll's new deliveries
            // (hold) may have taken some of them. The delivery goes back, due at once.
            deliveries.releaseLease(claimed.delivery().id(), claimed.leaseToken()).subscribe();
            return;
        }
        run(claimed);
    }

    /** Takes one attempt's place within the instance's, the endpoint's and the host's bounds, or none of them. */
    private boolean acquire(String subscriptionId, String host) {
        if (inFlight.incrementAndGet() > props.maxInFlight()) {
            inFlight.decrementAndGet();
            return false;
        }
        if (!slots.tryAcquire(subscriptionId)) {
            inFlight.decrementAndGet();
            return false;
        }
        if (!hostSlots.tryAcquire(host)) {
            slots.release(subscriptionId);
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Runs one attempt in places already taken ({@link #acquire}), and gives them back as it finishes. */
    void run(ClaimedDelivery claimed) {
        String subscriptionId = claimed.delivery().subscriptionId();
        String host = claimed.host();
        send(claimed)
                // The endpoint's and the host's slots bound requests at once: free them when the response is in,
                // not when it is recorded. The delivery keeps its lease until then, so nobody sends it again.
                .doFinally(signal -> freeSlots(subscriptionId, host))
                .flatMap(result -> completion.complete(claimed, result))
                .doFinally(signal -> freeAttempt())
                .subscribe(null, e -> log.error("webhook attempt could not be recorded; it will be retried when its "
                        + "lease expires deliveryId={} eventId={}: {}", claimed.delivery().id(),
                        claimed.delivery().eventId(), e.toString()));
    }

    /** Gives back places taken for an attempt that will not run. */
    void free(String subscriptionId, String host) {
        freeSlots(subscriptionId, host);
        freeAttempt();
    }

    private void freeSlots(String subscriptionId, String host) {
        boolean endpointWasFull = slots.release(subscriptionId);
        boolean hostWasFull = hostSlots.release(host);
        // A claim leaves an endpoint's (or host's) due deliveries behind only when it fills the endpoint's slots,
        // or when the slot frees while a round runs on the counts read before. Any other response frees a slot
        // nothing waits for: a round then would only find nothing, and at a few deliveries a call those empty
        // rounds were most of the claim statements.
        if (endpointWasFull || hostWasFull || claiming) {
            wakeUp();
        }
    }

    private void freeAttempt() {
        boolean wasAtCap = inFlight.getAndDecrement() >= props.maxInFlight();
        synchronized (idle) {
            idle.notifyAll();
        }
        if (wasAtCap) { // a round skipped for want of a free attempt can run now
            wakeUp();
        }
    }

    private Mono<AttemptResult> send(ClaimedDelivery claimed) {
        return Mono.defer(() -> {
                    List<WebhookSecret> secrets = claimed.secrets().signingAt(clock.instant()).stream()
                            .map(sealed -> WebhookSecret.parse(secretBox.decrypt(sealed)))
                            .toList();
                    return sender.send(new OutgoingWebhook(claimed.url(), claimed.delivery().eventId(),
                            claimed.delivery().payload(), secrets));
                })
                .onErrorResume(IllegalArgumentException.class, e -> Mono.just(AttemptResult.failure(clock.instant(),
                        Duration.ZERO, "signing secret unreadable with the configured key")));
    }

    @Override
    public void stop() {
        claims.stop();
        // Let running attempts finish and record their outcome; whatever is cut off is retried after its lease.
        long deadline = System.nanoTime() + props.timeout().plusSeconds(2).toNanos();
        synchronized (idle) {
            while (inFlight.get() > 0) {
                long waitMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (waitMillis <= 0) {
                    break;
                }
                try {
                    idle.wait(waitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return claims.isRunning();
    }

    /** Visible for tests and the gauges: attempts running in this instance now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Visible for tests: attempts running in this instance now towards {@code host} (lower-cased URL host). */
    public int inFlightToHost(String host) {
        return hostSlots.inUse(host);
    }

}
