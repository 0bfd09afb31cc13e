package io.ringline.sandbox.evogo;

import io.ringline.sandbox.sim.fault.FaultSwitches;
import org.springframework.stereotype.Component;

/** Whether an instance's WhatsApp session is up: provisioned as connected and not switched off by a fault. */
@Component
public class GoConnectivity {

    private final FaultSwitches faults;

    public GoConnectivity(FaultSwitches faults) {
        this.faults = faults;
    }

    public boolean isOnline(GoInstance instance) {
        return instance.connected() && faults.forNumber(instance.phone()).instanceConnected();
    }
}
