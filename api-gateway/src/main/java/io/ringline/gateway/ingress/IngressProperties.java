package io.ringline.gateway.ingress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bounds on provider webhooks, which arrive unauthenticated (docs/security.md "Limits").
 *
 * @param maxBodySize    largest Meta webhook body read (Meta's carry SDPs); Evolution GO's are JSON bodies
 *                       bounded by {@code ringline.gateway.max-body-size}
 * @param metaMaxNumbers most distinct {@code phone_number_id}s one Meta webhook may name; beyond it the body is
 *                       refused before any number is looked up
 */
@ConfigurationProperties("ringline.gateway.ingress")
public record IngressProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("10") int metaMaxNumbers) {

    public IngressProperties {
        if (metaMaxNumbers < 1) {
            throw new IllegalArgumentException("ringline.gateway.ingress.meta-max-numbers must be at least 1");
        }
    }
}
