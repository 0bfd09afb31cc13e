package io.ringline.sandbox.sim.fault;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The fault switches set through the control API: one global scope and one scope per business phone. */
@Component
public class FaultSwitches {

    private final ApplicationEventPublisher events;
    private final Map<String, FaultSettings> perNumber = new ConcurrentHashMap<>();
    private volatile FaultSettings global = FaultSettings.NONE;

    public FaultSwitches(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** Faults in force for a business phone (digits); null asks for the global faults only. */
    public Faults forNumber(String businessPhone) {
        FaultSettings own = businessPhone == null ? FaultSettings.NONE
                : perNumber.getOrDefault(businessPhone, FaultSettings.NONE);
        return Faults.resolve(own.over(global));
    }

    /** Replaces the settings of one scope (PUT semantics): switches left out are no longer set there. */
    public void replace(String businessPhone, FaultSettings settings) {
        if (businessPhone == null) {
            global = settings;
        } else {
            perNumber.put(businessPhone, settings);
        }
        events.publishEvent(new FaultsChanged());
    }

    public void clear() {
        global = FaultSettings.NONE;
        perNumber.clear();
        events.publishEvent(new FaultsChanged());
    }

    public FaultSettings global() {
        return global;
    }

    public Map<String, FaultSettings> perNumber() {
        return new TreeMap<>(perNumber);
    }
}
