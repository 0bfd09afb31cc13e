package io.ringline.gateway.calls.signaling;

import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.messaging.NumberContextMapper;
import io.ringline.gateway.upstream.InternalApiClient;
import io.ringline.gateway.upstream.UpstreamResponse;
import io.ringline.platform.internalapi.NumberContextBody;
import io.ringline.platform.internalapi.NumberOperationRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The read side of calls, owned by call-signaling-service (docs/internal-apis.md). */
@Component
public class SignalingClient {

    private final InternalApiClient client;
    private final JsonMapper json;

    public SignalingClient(@Qualifier("signalingApi") InternalApiClient client, JsonMapper json) {
        this.client = client;
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

    /*
     * The number-level provider operations of docs/internal-apis.md (not tied to a call). Each body carries the
     * number's context: the signaling service holds no credentials of its own.
     */

    public Mono<UpstreamResponse> readSettings(BusinessNumber number) {
        return numberOperation(number, "settings/read", NumberOperationRequest.readSettings(context(number)));
    }

    /** @param calling already validated (partial, no {@code sip}) */
    public Mono<UpstreamResponse> updateSettings(BusinessNumber number, JsonNode calling) {
        return numberOperation(number, "settings/update",
                NumberOperationRequest.updateSettings(context(number), calling));
    }

    public Mono<UpstreamResponse> readPermission(BusinessNumber number, String to) {
        return numberOperation(number, "permissions/read", NumberOperationRequest.readPermission(context(number), to));
    }

    /** @param text null for Meta's default text */
    public Mono<UpstreamResponse> requestPermission(BusinessNumber number, String to, String text) {
        return numberOperation(number, "permissions/request",
                NumberOperationRequest.requestPermission(context(number), to, text));
    }

    private Mono<UpstreamResponse> numberOperation(BusinessNumber number, String operation,
            NumberOperationRequest body) {
        return client.exchange(HttpMethod.POST,
                uri -> uri.path("/internal/numbers/{numberId}/provider/" + operation).build(number.id()),
                json.writeValueAsBytes(body));
    }

    private static NumberContextBody context(BusinessNumber number) {
        return NumberContextMapper.toBody(number);
    }
}
