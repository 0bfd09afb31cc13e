package io.ringline.gateway.tenancy.web;

import io.ringline.gateway.tenancy.NumberChange;
import io.ringline.gateway.tenancy.NumberRegistration;
import io.ringline.gateway.tenancy.ProviderCredentials;
import io.ringline.gateway.tenancy.ProviderEndpoint;
import io.ringline.gateway.tenancy.ProviderKind;
import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.web.JsonFields;
import io.ringline.gateway.web.Validation;
import io.ringline.platform.web.ApiException;
import java.net.URI;
import java.util.Arrays;

/** Turns number request bodies into validated domain inputs, naming the offending field on any problem. */
final class NumberRequests {

    static final int MAX_DISPLAY_NAME = 100;
    static final int MAX_TOKEN = 4096;
    static final int MAX_ACCOUNT_ID = 200;

    private NumberRequests() {
    }

    static NumberRegistration registration(JsonFields body, ProviderUrls urls) {
        body.onlyFields("phone", "provider", "displayName", "evoGo", "meta");
        String phone = Validation.e164("phone", body.requiredString("phone"));
        ProviderKind provider = provider(body.requiredString("provider"));
        String displayName = body.optionalText("displayName", MAX_DISPLAY_NAME);
        return switch (provider) {
            case UNKNOWN -> throw new IllegalStateException("provider() never yields UNKNOWN");
            case EVO_GO -> {
                forbid(body, "meta", provider);
                JsonFields go = body.requiredObject("evoGo").onlyFields("baseUrl", "instanceName", "instanceToken");
                URI baseUrl = urls.baseUrl(go.field("baseUrl"), go.requiredString("baseUrl"));
                String instance = go.requiredText("instanceName", MAX_ACCOUNT_ID);
                String token = go.requiredText("instanceToken", MAX_TOKEN);
                yield new NumberRegistration(phone, displayName, new ProviderEndpoint.EvoGo(baseUrl, instance),
                        new ProviderCredentials.EvoGo(token));
            }
            case META -> {
                forbid(body, "evoGo", provider);
                JsonFields meta = body.requiredObject("meta")
                        .onlyFields("graphBaseUrl", "phoneNumberId", "accessToken", "appSecret", "verifyToken");
                String url = meta.optionalString("graphBaseUrl");
                URI graph = url == null ? ProviderEndpoint.Meta.DEFAULT_GRAPH_BASE_URL
                        : urls.baseUrl(meta.field("graphBaseUrl"), url);
                String phoneNumberId = meta.requiredText("phoneNumberId", MAX_ACCOUNT_ID);
                var credentials = new ProviderCredentials.Meta(meta.requiredText("accessToken", MAX_TOKEN),
                        meta.requiredText("appSecret", MAX_TOKEN), meta.optionalText("verifyToken", MAX_TOKEN));
                yield new NumberRegistration(phone, displayName, new ProviderEndpoint.Meta(graph, phoneNumberId),
                        credentials);
            }
        };
    }

    static NumberChange change(JsonFields body, BusinessNumber current, ProviderUrls urls) {
        body.onlyFields("displayName", "evoGo", "meta", "phone", "provider");
        for (String immutable : new String[] {"phone", "provider"}) {
            if (body.has(immutable)) {
                throw ApiException.invalid(immutable, "cannot be changed; delete the number and connect it again");
            }
        }
        boolean clearDisplayName = body.isExplicitNull("displayName");
        String displayName = body.optionalText("displayName", MAX_DISPLAY_NAME);
        return switch (current.provider()) {
            case EVO_GO -> {
                forbid(body, "meta", current.provider());
                JsonFields go = body.optionalObject("evoGo");
                if (go == null) {
                    yield new NumberChange(displayName, clearDisplayName, null, null, null);
                }
                go.onlyFields("baseUrl", "instanceName", "instanceToken");
                String url = go.optionalString("baseUrl");
                String token = go.optionalText("instanceToken", MAX_TOKEN);
                yield new NumberChange(displayName, clearDisplayName,
                        url == null ? null : urls.baseUrl(go.field("baseUrl"), url),
                        go.optionalText("instanceName", MAX_ACCOUNT_ID),
                        token == null ? null : new ProviderCredentials.EvoGo(token));
            }
            case META -> {
                forbid(body, "evoGo", current.provider());
                JsonFields meta = body.optionalObject("meta");
                if (meta == null) {
                    yield new NumberChange(displayName, clearDisplayName, null, null, null);
                }
                meta.onlyFields("graphBaseUrl", "phoneNumberId", "accessToken", "appSecret", "verifyToken");
                String url = meta.optionalString("graphBaseUrl");
                String accessToken = meta.optionalText("accessToken", MAX_TOKEN);
                String appSecret = meta.optionalText("appSecret", MAX_TOKEN);
                String verifyToken = meta.optionalText("verifyToken", MAX_TOKEN);
                boolean credentialsChange = accessToken != null || appSecret != null || verifyToken != null;
                yield new NumberChange(displayName, clearDisplayName,
                        url == null ? null : urls.baseUrl(meta.field("graphBaseUrl"), url),
                        meta.optionalText("phoneNumberId", MAX_ACCOUNT_ID),
                        credentialsChange ? new ProviderCredentials.Meta(accessToken, appSecret, verifyToken) : null);
            }
            // This version can neither validate nor re-seal another kind's settings; the number can be deleted.
            case UNKNOWN -> throw io.ringline.gateway.tenancy.UnsupportedProvider.error();
        };
    }

    private static ProviderKind provider(String value) {
        return Arrays.stream(ProviderKind.values()).filter(ProviderKind::isCallable)
                .filter(p -> p.name().equals(value)).findFirst()
                .orElseThrow(() -> ApiException.invalid("provider", "must be one of META, EVO_GO"));
    }

    private static void forbid(JsonFields body, String field, ProviderKind provider) {
        if (body.has(field)) {
            throw ApiException.invalid(field, "does not apply to " + provider.name() + " numbers");
        }
    }
}
