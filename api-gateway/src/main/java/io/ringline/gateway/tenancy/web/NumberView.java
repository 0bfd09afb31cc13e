package io.ringline.gateway.tenancy.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.ProviderEndpoint;
import io.ringline.gateway.tenancy.ProviderKind;
import java.time.Instant;

/** A number as the API shows it: never any credential. */
record NumberView(
        String id,
        String phone,
        ProviderKind provider,
        String displayName,
        @JsonInclude(JsonInclude.Include.NON_NULL) EvoGo evoGo,
        @JsonInclude(JsonInclude.Include.NON_NULL) Meta meta,
        Instant createdAt,
        Instant updatedAt) {

    record EvoGo(String baseUrl, String instanceName) {
    }

    record Meta(String graphBaseUrl, String phoneNumberId) {
    }

    static NumberView of(BusinessNumber n) {
        EvoGo evoGo = null;
        Meta meta = null;
        switch (n.endpoint()) {
            case ProviderEndpoint.EvoGo go -> evoGo = new EvoGo(go.baseUrl().toString(), go.instanceName());
            case ProviderEndpoint.Meta m -> meta = new Meta(m.graphBaseUrl().toString(), m.phoneNumberId());
            case ProviderEndpoint.Unsupported u -> {
                // Nothing to show: the details of a kind this version does not know are not ours to interpret.
            }
        }
        return new NumberView(n.id(), n.phone(), n.provider(), n.displayName(), evoGo, meta, n.createdAt(),
                n.updatedAt());
    }
}
