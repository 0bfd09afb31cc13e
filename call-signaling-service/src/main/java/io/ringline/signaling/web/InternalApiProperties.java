package io.ringline.signaling.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param internalToken shared secret other Ringline services send as {@code x-internal-token} */
@ConfigurationProperties("ringline")
public record InternalApiProperties(String internalToken) {

    @Override
    public String toString() {
        return "InternalApiProperties[internalToken=***]";
    }
}
