package io.ringline.fanout.subscription;

import io.ringline.platform.ids.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A tenant's webhook subscription: where to send which events of which numbers. Owns its transitions
 * (update, disable) and returns the events they cause; the signing secret is held only encrypted.
 */
public final class Subscription {

    /** Everything persisted about a subscription; {@code version} guards concurrent updates. */
    public record Snapshot(String id, String tenantId, String name, String url, EventSelection events,
            List<String> numberIds, boolean active, String encryptedSecret, DisableReason disabledReason,
            Instant createdAt, Instant updatedAt, Instant lastTriggered, Instant failingSince, long version) {
        public Snapshot {
            numberIds = List.copyOf(numberIds);
        }
    }

    private Snapshot state;

    private Subscription(Snapshot state) {
        this.state = state;
    }

    public static Subscription create(String tenantId, NewSubscription spec, String encryptedSecret, Instant now) {
        Objects.requireNonNull(tenantId, "tenantId");
        return new Subscription(new Snapshot(Ids.newId("wh"), tenantId, spec.name(), spec.url(), spec.events(),
                spec.numberIds(), true, encryptedSecret, null, now, now, null, null, 0));
    }

    public static Subscription restore(Snapshot snapshot) {
        return new Subscription(snapshot);
    }

    public Snapshot snapshot() {
        return state;
    }

    public String id() {
        return state.id();
    }

    public String tenantId() {
        return state.tenantId();
    }

    public boolean active() {
        return state.active();
    }

    /** The fan-out rule: same tenant, one of its numbers (or all of them), an event it selected, switched on. */
    public boolean receives(String tenantId, String numberId, EventName event) {
        return state.active() && state.tenantId().equals(tenantId) && selects(numberId, event);
    }

    /** Whether an event of the tenant's number is one this subscription is for (on or off); replays ask this. */
    public boolean selects(String numberId, EventName event) {
        return (state.numberIds().isEmpty() || state.numberIds().contains(numberId)) && state.events().includes(event);
    }

    /**
     * Whether a caller restricted to {@code numberId} (a number-scoped key) may see this subscription:
     * only subscriptions bound to that number. Tenant-wide ones (no numbers) also carry other numbers'
     * events, so they stay with tenant keys. {@code null} means no restriction.
     */
    public boolean visibleTo(String numberId) {
        return numberId == null || state.numberIds().contains(numberId);
    }

    public List<SubscriptionEvent> update(SubscriptionChanges changes, Instant now) {
        Snapshot s = state;
        boolean wasActive = s.active();
        boolean active = changes.active() != null ? changes.active() : wasActive;
        state = new Snapshot(s.id(), s.tenantId(),
                changes.name() != null ? blankToNull(changes.name()) : s.name(),
                changes.url() != null ? changes.url() : s.url(),
                changes.events() != null ? changes.events() : s.events(),
                changes.numberIds() != null ? changes.numberIds() : s.numberIds(),
                active, s.encryptedSecret(),
                active ? null : (wasActive ? DisableReason.BY_TENANT : s.disabledReason()),
                s.createdAt(), now, s.lastTriggered(),
                active && !wasActive ? null : s.failingSince(), // a fresh start after the tenant fixed it
                s.version());
        if (wasActive && !active) {
            return List.of(new SubscriptionEvent.Disabled(s.id(), s.tenantId(), DisableReason.BY_TENANT));
        }
        if (!wasActive && active) {
            return List.of(new SubscriptionEvent.Reactivated(s.id(), s.tenantId()));
        }
        return List.of();
    }

    /** Switches deliveries off for an operational reason; nothing happens if it is off already. */
    public List<SubscriptionEvent> disable(DisableReason reason, Instant now) {
        Snapshot s = state;
        if (!s.active()) {
            return List.of();
        }
        state = new Snapshot(s.id(), s.tenantId(), s.name(), s.url(), s.events(), s.numberIds(), false,
                s.encryptedSecret(), reason, s.createdAt(), now, s.lastTriggered(), s.failingSince(), s.version());
        return List.of(new SubscriptionEvent.Disabled(s.id(), s.tenantId(), reason));
    }

    /** SPEC §4: an endpoint that has failed without any success for this long is switched off. */
    public static boolean failingTooLong(Instant failingSince, Instant now, Duration limit) {
        return failingSince != null && !failingSince.plus(limit).isAfter(now);
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }
}
