package io.ringline.sandbox.delivery;

import java.net.URI;
import java.util.Map;

import io.ringline.sandbox.sim.call.SimulatedCallJournal;
import io.ringline.sandbox.sim.call.SimulatedProvider;

/**
 * One webhook a simulated provider wants delivered, body already serialised (Meta signs the exact bytes).
 * Webhooks of one {@code lane} are delivered one after the other; only call-scoped webhooks can be reordered,
 * and {@code lastOfCall} marks the final one of a call, after which nothing is held back.
 *
 * @param journal where delivery attempts are recorded, null for webhooks not about a call
 */
public record OutboundWebhook(
        SimulatedProvider provider,
        String businessPhone,
        String lane,
        boolean callScoped,
        boolean lastOfCall,
        String event,
        URI url,
        Map<String, String> headers,
        byte[] body,
        SimulatedCallJournal journal) {

    public static OutboundWebhook forCall(SimulatedProvider provider, String businessPhone, String callId, boolean lastOfCall,
            String event, URI url, Map<String, String> headers, byte[] body, SimulatedCallJournal journal) {
        return new OutboundWebhook(provider, businessPhone, callId, true, lastOfCall, event, url, headers, body,
                journal);
    }

    public static OutboundWebhook standalone(SimulatedProvider provider, String businessPhone, String lane, String event,
            URI url, Map<String, String> headers, byte[] body) {
        return new OutboundWebhook(provider, businessPhone, lane, false, false, event, url, headers, body, null);
    }
}
