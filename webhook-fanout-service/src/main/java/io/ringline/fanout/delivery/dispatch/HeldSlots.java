package io.ringline.fanout.delivery.dispatch;

import io.ringline.fanout.delivery.ClaimedDelivery;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Slots the dispatcher holds for deliveries a call-events poll is creating, so the poll's transaction can lease them
 * itself ({@link io.ringline.fanout.delivery.persistence.DeliveryRepository#insertAll(List, java.util.Set, String,
 * Instant, Instant)}) and this
 * instance send them as soon as it commits, without a claim round. Held before the transaction — they count against
 * the same bounds a claim reads (in flight per instance, per endpoint, per host), so a claim running meanwhile cannot
 * take them too — and given back by {@link #launch} for every delivery the transaction did not lease, or by
 * {@link #release} when it failed. Exactly one of the two runs, once.
 */
public final class HeldSlots {

    /** Held for no delivery: every delivery waits in the queue for a claim. */
    public static final HeldSlots NONE = new HeldSlots(null, Map.of(), "", Instant.EPOCH);

    record Held(String subscriptionId, String host) {
    }

    private final Dispatcher dispatcher;
    private final Map<String, Held> byDelivery;
    private final String token;
    private final Instant leaseUntil;
    private final AtomicBoolean settled = new AtomicBoolean();

    HeldSlots(Dispatcher dispatcher, Map<String, Held> byDelivery, String token, Instant leaseUntil) {
        this.dispatcher = dispatcher;
        this.byDelivery = byDelivery;
        this.token = token;
        this.leaseUntil = leaseUntil;
    }

    /** The deliveries slots are held for: the transaction may lease these, and no others. */
    public Set<String> deliveryIds() {
        return byDelivery.keySet();
    }

    /** The lease token the transaction writes on the rows it leases. */
    public String token() {
        return token;
    }

    public Instant leaseUntil() {
        return leaseUntil;
    }

    /**
     * The transaction committed, having leased {@code leased} (a subset of {@link #deliveryIds}): sends each of them
     * in the slots held for it and gives back the slots of the rest.
     */
    public void launch(List<ClaimedDelivery> leased) {
        if (!settled.compareAndSet(false, true) || dispatcher == null) {
            return;
        }
        Map<String, Held> unused = new HashMap<>(byDelivery);
        for (ClaimedDelivery claimed : leased) {
            if (unused.remove(claimed.delivery().id()) != null) {
                dispatcher.run(claimed);
            }
        }
        unused.values().forEach(h -> dispatcher.free(h.subscriptionId(), h.host()));
    }

    /** The transaction failed or was abandoned: nothing was leased, every slot is given back. */
    public void release() {
        if (settled.compareAndSet(false, true) && dispatcher != null) {
            byDelivery.values().forEach(h -> dispatcher.free(h.subscriptionId(), h.host()));
        }
    }
}
