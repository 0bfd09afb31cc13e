package io.ringline.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param internalToken shared secret of service-to-service calls ({@code x-internal-token}); env RINGLINE_INTERNAL_TOKEN */
@ConfigurationProperties("ringline")
public record InternalTokenProperties(String internalToken) {

    @Override
    public String toString() {
        return "InternalTokenProperties[internalToken=***]";
    }
}
