package io.ringline.signaling.call.provider.meta;

import io.ringline.signaling.call.provider.ProviderObservation;
import io.ringline.signaling.call.provider.ProviderObservation.Irrelevant;
import io.ringline.signaling.call.provider.SignalInterpreter;
import org.springframework.stereotype.Component;

/**
 * Placeholder for reading Meta webhook items (next issue). No META call can exist yet (placing one
 * fails), so there is nothing for these signals to change.
 */
@Component
class MetaSignals implements SignalInterpreter {

    @Override
    public String kindPrefix() {
        return "meta.";
    }

    @Override
    public ProviderObservation interpret(String kind, String payloadJson) {
        return new Irrelevant("META signals are not interpreted yet");
    }
}
