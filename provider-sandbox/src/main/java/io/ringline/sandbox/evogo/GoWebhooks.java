package io.ringline.sandbox.evogo;

import java.util.List;
import java.util.Map;

import io.ringline.sandbox.delivery.OutboundWebhook;
import io.ringline.sandbox.delivery.WebhookDispatcher;
import io.ringline.sandbox.sim.Phones;
import io.ringline.sandbox.sim.call.SimulatedProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Turns GO call signals and connection changes into GO-shaped webhooks to the instance's webhook URL. */
@Component
class GoWebhooks {

    private final GoInstances instances;
    private final WebhookDispatcher dispatcher;
    private final JsonMapper json;

    GoWebhooks(GoInstances instances, WebhookDispatcher dispatcher, JsonMapper json) {
        this.instances = instances;
        this.dispatcher = dispatcher;
        this.json = json;
    }

    /** The instance is looked up now, so a re-provisioned webhook URL or token applies to later events. */
    void publish(GoCall call, List<GoSignal> signals) {
        instances.find(call.instanceName()).ifPresent(instance -> signals.forEach(signal -> {
            var envelope = new GoWebhookEnvelope(signal.event(), instance.name(), instance.token(), data(call, signal));
            dispatcher.dispatch(OutboundWebhook.forCall(SimulatedProvider.EVO_GO, instance.phone(), call.callId(),
                    signal.last(), signal.event(), instance.webhookUrl(), Map.of(), json.writeValueAsBytes(envelope),
                    call.journal()));
        }));
    }

    void connectionUpdate(GoInstance instance, boolean online) {
        var envelope = new GoWebhookEnvelope("ConnectionUpdate", instance.name(), instance.token(),
                GoConnectionUpdateData.of(online));
        dispatcher.dispatch(OutboundWebhook.standalone(SimulatedProvider.EVO_GO, instance.phone(), "evogo:" + instance.name(),
                "ConnectionUpdate", instance.webhookUrl(), Map.of(), json.writeValueAsBytes(envelope)));
    }

    private static GoCallEventData data(GoCall call, GoSignal signal) {
        // Only CallTerminate carries Reason and DurationSeconds; the other events share the base fields.
        GoSignal.Terminated ended = signal instanceof GoSignal.Terminated terminated ? terminated : null;
        return new GoCallEventData(call.callId(), Phones.jid(call.creatorPhone()), Phones.jid(call.peer()),
                signal.at().toString(), ended != null ? ended.reason() : null,
                ended != null ? ended.durationSeconds() : null);
    }
}
