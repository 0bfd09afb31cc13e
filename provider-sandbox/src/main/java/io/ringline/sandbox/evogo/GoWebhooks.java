package io.ringline.sandbox.evogo;

import java.util.List;
import java.util.Map;

import io.ringline.sandbox.delivery.OutboundWebhook;
import io.ringline.sandbox.delivery.WebhookDispatcher;
import io.ringline.sandbox.sim.Phones;
import io.ringline.sandbox.sim.call.Provider;
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
            dispatcher.dispatch(OutboundWebhook.forCall(Provider.EVO_GO, instance.phone(), call.callId(),
                    signal.last(), signal.event(), instance.webhookUrl(), Map.of(), json.writeValueAsBytes(envelope),
                    call.journal()));
        }));
    }

    void connectionUpdate(GoInstance instance, boolean online) {
        var envelope = new GoWebhookEnvelope("ConnectionUpdate", instance.name(), instance.token(),
                GoConnectionUpdateData.of(online));
        dispatcher.dispatch(OutboundWebhook.standalone(Provider.EVO_GO, instance.phone(), "evogo:" + instance.name(),
                "ConnectionUpdate", instance.webhookUrl(), Map.of(), json.writeValueAsBytes(envelope)));
    }

    private static GoCallEventData data(GoCall call, GoSignal signal) {
        String creator = Phones.jid(call.creatorPhone());
        String from = Phones.jid(call.peer());
        String timestamp = signal.at().toString();
        return switch (signal) {
            case GoSignal.Terminated ended ->
                    new GoCallEventData(call.callId(), creator, from, timestamp, ended.reason(),
                            ended.durationSeconds());
            case GoSignal.Offer offer -> new GoCallEventData(call.callId(), creator, from, timestamp, null, null);
            case GoSignal.Ringing ringing -> new GoCallEventData(call.callId(), creator, from, timestamp, null, null);
            case GoSignal.Accepted accepted ->
                    new GoCallEventData(call.callId(), creator, from, timestamp, null, null);
            case GoSignal.Rejected rejected ->
                    new GoCallEventData(call.callId(), creator, from, timestamp, null, null);
        };
    }
}
