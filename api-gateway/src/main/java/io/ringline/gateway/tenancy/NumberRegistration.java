package io.ringline.gateway.tenancy;

/** A validated request to connect a number; the credentials must be of the endpoint's provider. */
public record NumberRegistration(String phone, String displayName, ProviderEndpoint endpoint,
        ProviderCredentials credentials) {

    public NumberRegistration {
        if (endpoint.provider() != credentials.provider()) {
            throw new IllegalArgumentException("credentials of " + credentials.provider() + " for a "
                    + endpoint.provider() + " endpoint");
        }
    }
}
