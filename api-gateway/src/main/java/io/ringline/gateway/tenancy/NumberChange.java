package io.ringline.gateway.tenancy;

import java.net.URI;

/**
 * A validated partial update of a number; null fields stay as they are. Phone and provider never change
 * (a different line is a different number).
 *
 * @param clearDisplayName true when the request set {@code displayName} to null
 */
public record NumberChange(
        String displayName,
        boolean clearDisplayName,
        URI baseUrl,
        String accountId,
        ProviderCredentials credentials) {

    public boolean changesEndpoint() {
        return baseUrl != null || accountId != null;
    }

    /** The endpoint after this change. */
    public ProviderEndpoint applyTo(ProviderEndpoint current) {
        URI url = baseUrl != null ? baseUrl : current.baseUrl();
        String account = accountId != null ? accountId : current.accountId();
        return switch (current) {
            case ProviderEndpoint.EvoGo go -> new ProviderEndpoint.EvoGo(url, account);
            case ProviderEndpoint.Meta meta -> new ProviderEndpoint.Meta(url, account);
            case ProviderEndpoint.Unsupported other -> new ProviderEndpoint.Unsupported(other.kind(), url, account);
        };
    }

    @Override
    public String toString() {
        return "NumberChange[displayName=" + displayName + ", clearDisplayName=" + clearDisplayName + ", baseUrl="
                + baseUrl + ", accountId=" + accountId + ", credentials=" + credentials + "]";
    }
}
