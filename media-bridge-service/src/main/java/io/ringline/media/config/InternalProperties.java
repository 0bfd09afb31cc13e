package io.ringline.media.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param internalToken shared secret other services send as {@code x-internal-token} on /internal/** */
@ConfigurationProperties("ringline")
public record InternalProperties(String internalToken) {
    @Override
    public String toString() {
        return "InternalProperties[internalToken=***]";
    }
}
