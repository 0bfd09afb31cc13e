package io.ringline.signaling.call.provider.meta;

import io.ringline.signaling.call.CallSnapshot;
import io.ringline.signaling.call.provider.CallProvider;
import io.ringline.signaling.call.provider.ProviderException;
import io.ringline.signaling.number.NumberAccount;
import io.ringline.signaling.number.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Calls through the Meta Cloud API: every action is {@code POST /{phone-number-id}/calls} with an
 * {@code action} (reference/meta-cloud-api-calling.md). Ringline relays SDP; it never touches media.
 */
@Component
class MetaCallProvider implements CallProvider {

    private final MetaGraphClient graph;

    MetaCallProvider(MetaGraphClient graph) {
        this.graph = graph;
    }

    @Override
    public Provider kind() {
        return Provider.META;
    }

    @Override
    public Mono<String> place(NumberAccount number, CallSnapshot call) {
        Map<String, Object> body = base("connect");
        body.put("to", call.peerNumber().replaceAll("[^0-9]", ""));
        body.put("session", session("offer", call.sdpOffer()));
        if (call.bizOpaqueCallbackData() != null) {
            body.put("biz_opaque_callback_data", call.bizOpaqueCallbackData());
        }
        return graph.post(number, "calls", body).map(answer -> {
            String id = answer.path("calls").path(0).path("id").asString(null);
            if (id == null || id.isBlank()) {
                throw new ProviderException(MetaErrors.unexpectedAnswer("no calls[0].id in the answer"));
            }
            return id;
        });
    }

    @Override
    public Mono<Void> preAccept(NumberAccount number, CallSnapshot call, String sdpAnswer) {
        Map<String, Object> body = onCall("pre_accept", call);
        body.put("session", session("answer", sdpAnswer));
        return graph.post(number, "calls", body).then();
    }

    @Override
    public Mono<Void> accept(NumberAccount number, CallSnapshot call, String sdpAnswer) {
        Map<String, Object> body = onCall("accept", call);
        body.put("session", session("answer", sdpAnswer));
        if (call.bizOpaqueCallbackData() != null) {
            body.put("biz_opaque_callback_data", call.bizOpaqueCallbackData());
        }
        return graph.post(number, "calls", body).then();
    }

    @Override
    public Mono<Void> reject(NumberAccount number, CallSnapshot call) {
        return graph.post(number, "calls", onCall("reject", call)).then();
    }

    @Override
    public Mono<Void> terminate(NumberAccount number, CallSnapshot call) {
        return graph.post(number, "calls", onCall("terminate", call)).then();
    }

    private static Map<String, Object> base(String action) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("action", action);
        return body;
    }

    private static Map<String, Object> onCall(String action, CallSnapshot call) {
        Map<String, Object> body = base(action);
        body.put("call_id", call.externalCallId());
        return body;
    }

    private static Map<String, Object> session(String type, String sdp) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("sdp_type", type);
        session.put("sdp", sdp);
        return session;
    }
}
