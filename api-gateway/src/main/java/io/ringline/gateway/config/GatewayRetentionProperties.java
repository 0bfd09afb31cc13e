package io.ringline.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the gateway keeps what tenants removed (docs/security.md "Data retention").
 *
 * @param deletedNumbers a deleted number (phone, provider account, sealed credentials) and its revoked number keys
 *                       are erased this long after the deletion
 * @param revokedKeys    a revoked API key's row (name, prefix, hash) is erased this long after the revocation
 */
@ConfigurationProperties("ringline.gateway.retention")
public record GatewayRetentionProperties(
        @DefaultValue("30d") Duration deletedNumbers,
        @DefaultValue("30d") Duration revokedKeys) {
}
