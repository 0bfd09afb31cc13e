package io.ringline.gateway.calls.signaling;

import io.ringline.gateway.calls.CallListQuery;
import io.ringline.gateway.config.UpstreamProperties;
import io.ringline.gateway.upstream.InternalApiClient;
import io.ringline.gateway.upstream.UpstreamResponse;
import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.messaging.NumberContextMapper;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The read side of calls, owned by call-signaling-service (docs/internal-apis.md). */
@Component
public class SignalingClient {

    private final InternalApiClient client;
    private final JsonMapper json;

    public SignalingClient(UpstreamProperties props, JsonMapper json) {
        this.client = new InternalApiClient("call-signaling-service", props.signaling(), props.internalToken());
        this.json = json;
    }

    /** {@code callRef} may be Ringline's id or the provider's. */
    public Mono<UpstreamResponse> getCall(String numberId, String callRef, boolean includeSdp) {
        return client.get(uri -> {
            uri.path("/internal/numbers/{numberId}/calls/{callId}");
            if (includeSdp) {
                uri.queryParam("includeSdp", "1");
            }
            return uri.build(numberId, callRef);
        });
    }

    public Mono<UpstreamResponse> listCalls(String numberId, CallListQuery query) {
        return client.get(uri -> {
            uri.path("/internal/numbers/{numberId}/calls").queryParam("limit", query.limit());
            if (query.before() != null) {
                uri.queryParam("before", "{before}");
            }
            if (query.status() != null) {
                uri.queryParam("status", query.status());
            }
            if (query.direction() != null) {
                uri.queryParam("direction", query.direction());
            }
            // "before" goes through a template variable so its '+' and ':' are encoded, not read as spaces.
            return query.before() != null ? uri.build(numberId, query.before().toString()) : uri.build(numberId);
        });
    }

    /** The number-level provider operations of docs/internal-apis.md (not tied to a call). */
    public enum NumberOperation {
        READ_SETTINGS("settings/read"),
        UPDATE_SETTINGS("settings/update"),
        READ_PERMISSION("permissions/read"),
        REQUEST_PERMISSION("permissions/request");

        private final String path;

        NumberOperation(String path) {
            this.path = path;
        }
    }

    /**
     * Asks the signaling service to run a provider operation for the number; the body carries the number's
     * context (the signaling service holds no credentials of its own) plus {@code fields}.
     */
    public Mono<UpstreamResponse> numberOperation(BusinessNumber number, NumberOperation operation,
            ObjectNode fields) {
        ObjectNode body = json.createObjectNode();
        body.set("number", NumberContextMapper.toJson(number, json));
        body.setAll(fields);
        return client.exchange(HttpMethod.POST,
                uri -> uri.path("/internal/numbers/{numberId}/provider/" + operation.path).build(number.id()),
                json.writeValueAsBytes(body));
    }
}
