package io.ringline.sandbox.evogo;

import java.util.HashMap;
import java.util.Map;

import io.ringline.sandbox.sim.fault.FaultsChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Notices when an instance's WhatsApp session goes up or down (a fault switch or re-provisioning), then sends the
 * ConnectionUpdate webhook and, when it went down, drops the instance's calls. The first provisioning of an
 * instance only records its state: a real instance reports nothing until something changes.
 */
@Component
public class GoConnectivityWatcher {

    private final GoInstances instances;
    private final GoConnectivity connectivity;
    private final GoWebhooks webhooks;
    private final GoSimulator simulator;
    private final Map<String, Boolean> lastKnown = new HashMap<>();

    GoConnectivityWatcher(GoInstances instances, GoConnectivity connectivity, GoWebhooks webhooks,
            GoSimulator simulator) {
        this.instances = instances;
        this.connectivity = connectivity;
        this.webhooks = webhooks;
        this.simulator = simulator;
    }

    @EventListener
    public void onFaultsChanged(FaultsChanged event) {
        instances.all().forEach(this::check);
    }

    public void onProvisioned(GoInstance instance) {
        check(instance);
    }

    private synchronized void check(GoInstance instance) {
        boolean online = connectivity.isOnline(instance);
        Boolean before = lastKnown.put(instance.name(), online);
        if (before != null && before != online) {
            webhooks.connectionUpdate(instance, online);
            if (!online) {
                simulator.dropCalls(instance);
            }
        }
    }
}
