package io.ringline.gateway.webhooks;

import io.ringline.gateway.upstream.InternalApiClient;
import io.ringline.gateway.upstream.UpstreamResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Webhook subscriptions, owned by webhook-fanout-service (docs/internal-apis.md). The gateway has already
 * decided which tenant, and for number keys which number, the caller may see; it passes them in the path
 * and {@code ?numberId=}.
 */
@Component
class FanoutClient {

    private final InternalApiClient client;

    FanoutClient(@Qualifier("fanoutApi") InternalApiClient client) {
        this.client = client;
    }

    Mono<UpstreamResponse> create(String tenantId, byte[] body) {
        return client.exchange(HttpMethod.POST, uri -> uri.path("/internal/tenants/{tenantId}/webhooks")
                .build(tenantId), body);
    }

    /** @param numberId restricts to one number's subscriptions; null for the whole tenant */
    Mono<UpstreamResponse> list(String tenantId, String numberId) {
        return client.get(uri -> {
            uri.path("/internal/tenants/{tenantId}/webhooks");
            if (numberId != null) {
                uri.queryParam("numberId", "{numberId}");
                return uri.build(tenantId, numberId);
            }
            return uri.build(tenantId);
        });
    }

    /** GET, PATCH (with body) or DELETE of one subscription. */
    Mono<UpstreamResponse> one(HttpMethod method, String tenantId, String webhookId, String numberId, byte[] body) {
        return client.exchange(method, uri -> {
            uri.path("/internal/tenants/{tenantId}/webhooks/{webhookId}");
            if (numberId != null) {
                uri.queryParam("numberId", "{numberId}");
                return uri.build(tenantId, webhookId, numberId);
            }
            return uri.build(tenantId, webhookId);
        }, body);
    }

    /**
     * A route below one subscription or delivery ({@code /logs}, {@code /secret/rotate}, {@code /replay},
     * {@code /deliveries/{id}/retry}), with {@code ?numberId=} for number keys and any extra query parameters.
     *
     * @param path  below {@code /internal/tenants/{tenantId}/webhooks/}, already validated (safe characters only)
     * @param query extra parameters (already validated); null values are left out
     */
    Mono<UpstreamResponse> operation(HttpMethod method, String tenantId, String path, String numberId,
            java.util.Map<String, String> query, byte[] body) {
        return client.exchange(method, uri -> {
            uri.path("/internal/tenants/{tenantId}/webhooks/" + path);
            java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
            values.put("tenantId", tenantId);
            if (numberId != null) {
                uri.queryParam("numberId", "{numberId}");
                values.put("numberId", numberId);
            }
            query.forEach((name, value) -> {
                if (value != null) {
                    uri.queryParam(name, "{" + name + "}");
                    values.put(name, value);
                }
            });
            return uri.build(values);
        }, body);
    }
}
