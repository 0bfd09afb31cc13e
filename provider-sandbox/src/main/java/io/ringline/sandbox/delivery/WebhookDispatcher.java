package io.ringline.sandbox.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.ringline.sandbox.sim.fault.FaultSwitches;
import io.ringline.sandbox.sim.fault.Faults;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Entry point for every webhook a simulated provider sends; applies the delivery faults of the business number.
 * <ul>
 * <li>{@code duplicateWebhooks}: each webhook is delivered twice in a row (same body, same signature).</li>
 * <li>{@code reorderWebhooks}: a call's webhooks are swapped in pairs. The 1st is held until the 2nd exists, then
 * the 2nd is delivered before the 1st; same for the 3rd and 4th, and so on. The last webhook of a call is never
 * held: if it is odd it goes out straight away. Webhooks not about a call (ConnectionUpdate, permission replies)
 * are never reordered.</li>
 * <li>{@code dropWebhooksPercent}: that share of a call's webhooks (at random) is never sent, as a provider that lost
 * them; each is journalled as an attempt that failed with {@link ProviderWebhookSender#DROPPED}. Webhooks not about a call
 * are never dropped.</li>
 * </ul>
 */
@Component
public class WebhookDispatcher {

    private final FaultSwitches faults;
    private final DeliveryLanes lanes;
    private final ProviderWebhookSender sender;
    private final Map<String, OutboundWebhook> held = new HashMap<>();

    WebhookDispatcher(FaultSwitches faults, DeliveryLanes lanes, ProviderWebhookSender sender) {
        this.faults = faults;
        this.lanes = lanes;
        this.sender = sender;
    }

    /** Queues a webhook; returns at once, delivery happens in the background. */
    public synchronized void dispatch(OutboundWebhook webhook) {
        Faults active = faults.forNumber(webhook.businessPhone());
        OutboundWebhook previous = held.remove(webhook.lane());
        if (previous != null) {
            // The held one goes out after its successor only while the fault is still on.
            if (active.reorderWebhooks()) {
                enqueue(webhook, active);
                enqueue(previous, active);
            } else {
                enqueue(previous, active);
                enqueue(webhook, active);
            }
        } else if (active.reorderWebhooks() && webhook.callScoped() && !webhook.lastOfCall()) {
            held.put(webhook.lane(), webhook);
        } else {
            enqueue(webhook, active);
        }
    }

    private void enqueue(OutboundWebhook webhook, Faults active) {
        if (webhook.callScoped() && active.dropWebhooksPercent() > 0
                && ThreadLocalRandom.current().nextInt(100) < active.dropWebhooksPercent()) {
            sender.dropped(webhook);
            return;
        }
        lanes.submit(webhook.lane(), () -> active.duplicateWebhooks()
                ? sender.deliver(webhook).then(Mono.defer(() -> sender.deliver(webhook)))
                : sender.deliver(webhook));
    }
}
