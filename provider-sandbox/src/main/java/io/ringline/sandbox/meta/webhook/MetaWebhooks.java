package io.ringline.sandbox.meta.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.ringline.sandbox.delivery.OutboundWebhook;
import io.ringline.sandbox.delivery.WebhookDispatcher;
import io.ringline.sandbox.meta.MetaCall;
import io.ringline.sandbox.meta.MetaDirection;
import io.ringline.sandbox.meta.MetaNumber;
import io.ringline.sandbox.meta.MetaSignal;
import io.ringline.sandbox.meta.webhook.MetaPayloads.CallEvent;
import io.ringline.sandbox.meta.webhook.MetaPayloads.CallStatus;
import io.ringline.sandbox.meta.webhook.MetaPayloads.CallsValue;
import io.ringline.sandbox.meta.webhook.MetaPayloads.Contact;
import io.ringline.sandbox.meta.webhook.MetaPayloads.Envelope;
import io.ringline.sandbox.meta.webhook.MetaPayloads.Metadata;
import io.ringline.sandbox.meta.webhook.MetaPayloads.Profile;
import io.ringline.sandbox.meta.webhook.MetaPayloads.Session;
import io.ringline.sandbox.meta.webhook.MetaPayloads.StatusesValue;
import io.ringline.sandbox.sim.call.CallIds;
import io.ringline.sandbox.sim.call.SimulatedProvider;
import io.ringline.sandbox.sim.user.SimulatedUsers;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Sends Meta-shaped, app-secret-signed webhooks about calls and permission replies. */
@Component
public class MetaWebhooks {

    private static final String PRODUCT = "whatsapp";

    private final WebhookDispatcher dispatcher;
    private final SimulatedUsers users;
    private final JsonMapper json;

    MetaWebhooks(WebhookDispatcher dispatcher, SimulatedUsers users, JsonMapper json) {
        this.dispatcher = dispatcher;
        this.users = users;
        this.json = json;
    }

    public void publish(MetaNumber number, MetaCall call, List<MetaSignal> signals) {
        for (MetaSignal signal : signals) {
            Object value = switch (signal) {
                case MetaSignal.Connect connect -> callsValue(number, call, new CallEvent(call.id(), to(call),
                        from(call), "connect", epoch(connect.at()), call.direction().name(),
                        new Session(connect.sdpType(), connect.sdp()), call.bizOpaqueCallbackData(), null, null, null,
                        null));
                case MetaSignal.Terminate end -> callsValue(number, call, new CallEvent(call.id(), to(call),
                        from(call), "terminate", epoch(end.at()), call.direction().name(), null,
                        call.bizOpaqueCallbackData(), end.status(), epochOrNull(end.startTime()),
                        epochOrNull(end.endTime()), end.durationSeconds()));
                case MetaSignal.Status status -> new StatusesValue(PRODUCT, metadata(number), List.of(
                        new CallStatus(call.id(), epoch(status.at()), "call", status.status(), call.user(),
                                call.bizOpaqueCallbackData())));
            };
            byte[] body = json.writeValueAsBytes(Envelope.of(number.wabaId(), "calls", value));
            dispatcher.dispatch(OutboundWebhook.forCall(SimulatedProvider.META, number.phone(), call.id(), signal.last(),
                    signal.event(), number.webhookUrl(), signed(number, body), body, call.journal()));
        }
    }

    /** The user's reply to a call permission request, as an interactive message on field {@code messages}. */
    public void permissionReply(MetaNumber number, String user, String requestId, boolean accepted,
            boolean permanent, Instant expiresAt, Instant now) {
        var reply = new MetaPayloads.PermissionReply(accepted ? "accept" : "reject", permanent,
                accepted && !permanent ? epochOrNull(expiresAt) : null, "user_action");
        var message = new MetaPayloads.InboundMessage(user, CallIds.wamid(), epoch(now),
                "interactive", new MetaPayloads.Context(number.phone(), requestId),
                new MetaPayloads.Interactive("call_permission_reply", reply));
        var value = new MetaPayloads.MessagesValue(PRODUCT, metadata(number), List.of(contact(user)),
                List.of(message));
        byte[] body = json.writeValueAsBytes(Envelope.of(number.wabaId(), "messages", value));
        dispatcher.dispatch(OutboundWebhook.standalone(SimulatedProvider.META, number.phone(),
                "meta:" + number.phoneNumberId() + ":" + user, "messages:call_permission_reply",
                number.webhookUrl(), signed(number, body), body));
    }

    private CallsValue callsValue(MetaNumber number, MetaCall call, CallEvent event) {
        return new CallsValue(PRODUCT, metadata(number), List.of(contact(call.user())), List.of(event));
    }

    private Contact contact(String user) {
        return new Contact(new Profile(users.behaviourOf(user).name()), user);
    }

    private static Metadata metadata(MetaNumber number) {
        return new Metadata(number.phone(), number.phoneNumberId());
    }

    private static Map<String, String> signed(MetaNumber number, byte[] body) {
        return Map.of(HubSignature.HEADER, HubSignature.sign(number.appSecret(), body),
                "User-Agent", "facebookexternalua");
    }

    private static String from(MetaCall call) {
        return call.direction() == MetaDirection.USER_INITIATED ? call.user() : call.businessPhone();
    }

    private static String to(MetaCall call) {
        return call.direction() == MetaDirection.USER_INITIATED ? call.businessPhone() : call.user();
    }

    private static String epoch(Instant at) {
        return Long.toString(at.getEpochSecond());
    }

    private static String epochOrNull(Instant at) {
        return at == null ? null : epoch(at);
    }
}
