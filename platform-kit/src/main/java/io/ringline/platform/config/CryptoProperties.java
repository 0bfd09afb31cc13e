package io.ringline.platform.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param key base64 of 32 random bytes; encrypts credentials and signing secrets at rest and on Kafka */
@ConfigurationProperties("ringline.crypto")
public record CryptoProperties(String key) {
    @Override
    public String toString() {
        return "CryptoProperties[key=***]";
    }
}
