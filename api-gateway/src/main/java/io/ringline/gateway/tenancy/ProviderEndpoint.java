package io.ringline.gateway.tenancy;

import java.net.URI;

/** Where and as which account a number reaches its provider; everything here may be shown to the tenant. */
public sealed interface ProviderEndpoint permits ProviderEndpoint.EvoGo, ProviderEndpoint.Meta, ProviderEndpoint.Unsupported {

    ProviderKind provider();

    /** Provider API base URL: the GO instance URL, or the Graph API URL including its version. */
    URI baseUrl();

    /** The account at the provider: the GO instance name, or Meta's phone-number-id. */
    String accountId();

    record EvoGo(URI baseUrl, String instanceName) implements ProviderEndpoint {
        @Override
        public ProviderKind provider() {
            return ProviderKind.EVO_GO;
        }

        @Override
        public String accountId() {
            return instanceName;
        }
    }

    record Meta(URI graphBaseUrl, String phoneNumberId) implements ProviderEndpoint {
        public static final URI DEFAULT_GRAPH_BASE_URL = URI.create("https://graph.facebook.com/v21.0");

        @Override
        public ProviderKind provider() {
            return ProviderKind.META;
        }

        @Override
        public URI baseUrl() {
            return graphBaseUrl;
        }

        @Override
        public String accountId() {
            return phoneNumberId;
        }
    }

    /** A row of a provider kind this version does not know; kept so the number can still be listed and deleted. */
    record Unsupported(String kind, URI baseUrl, String accountId) implements ProviderEndpoint {
        @Override
        public ProviderKind provider() {
            return ProviderKind.UNKNOWN;
        }
    }
}
