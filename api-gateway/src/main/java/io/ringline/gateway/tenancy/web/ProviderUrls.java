package io.ringline.gateway.tenancy.web;

import io.ringline.gateway.tenancy.ProviderUrlProperties;
import io.ringline.gateway.web.Validation;
import io.ringline.platform.net.UrlHosts;
import io.ringline.platform.web.ApiException;
import java.net.URI;
import org.springframework.stereotype.Component;

/**
 * The rule for a provider base URL a tenant registers: absolute {@code http(s)}, a host, no credentials, no query
 * or fragment, and — unless the development switch is on — not {@code localhost} nor a loopback, private or
 * reserved IP literal, so a tenant learns at once (400) rather than from a failed call. Names are not resolved
 * here: where they lead is checked at every connection by the services' address guard.
 */
@Component
class ProviderUrls {

    private final boolean allowPrivateNetworks;

    ProviderUrls(ProviderUrlProperties props) {
        this.allowPrivateNetworks = props.allowPrivateNetworks();
    }

    /** @throws ApiException 400 INVALID_REQUEST naming {@code field} */
    URI baseUrl(String field, String value) {
        URI uri = Validation.httpBaseUrl(field, value);
        if (!allowPrivateNetworks) {
            UrlHosts.refusal(uri.getHost()).ifPresent(problem -> {
                throw ApiException.invalid(field, "must not point at a local, private or reserved address (the host "
                        + problem + ")");
            });
        }
        return uri;
    }
}
