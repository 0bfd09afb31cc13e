package io.ringline.gateway.tenancy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What provider base URLs a tenant may register (Evolution GO {@code baseUrl}, Meta {@code graphBaseUrl}).
 *
 * @param allowPrivateNetworks development only (env RINGLINE_GATEWAY_ALLOW_PRIVATE_NETWORKS): accept URLs whose
 *                             host is {@code localhost} or a loopback/private/reserved IP literal. Off, they are
 *                             refused at registration with {@code 400}; the signaling service and the media bridge
 *                             check every connection again through their address guard.
 */
@ConfigurationProperties("ringline.gateway.provider-urls")
public record ProviderUrlProperties(@DefaultValue("false") boolean allowPrivateNetworks) {
}
