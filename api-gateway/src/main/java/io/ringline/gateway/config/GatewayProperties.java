package io.ringline.gateway.config;

import io.ringline.platform.config.MissingSecretException;
import io.ringline.platform.config.RequiredSecrets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings.
 *
 * @param operatorToken  shared secret of the operator API ({@code x-operator-token}); env RINGLINE_OPERATOR_TOKEN
 * @param commandTimeout how long an HTTP request waits for the signaling service's reply to its command
 * @param maxBodySize    largest JSON body accepted on the public API
 * @param authCacheTtl   how long a resolved API key is trusted without a database read (revocation on this
 *                       instance evicts at once; other instances notice within this time)
 */
@ConfigurationProperties("ringline.gateway")
public record GatewayProperties(
        String operatorToken,
        @DefaultValue("10s") Duration commandTimeout,
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue("5s") Duration authCacheTtl) {

    /** The operator token as start-up checks name it. */
    public static final RequiredSecrets.Secret OPERATOR_TOKEN =
            RequiredSecrets.Secret.of("RINGLINE_OPERATOR_TOKEN", "ringline.gateway.operator-token");

    public GatewayProperties {
        if (operatorToken == null || operatorToken.isBlank()) {
            throw new MissingSecretException(List.of(OPERATOR_TOKEN));
        }
    }

    @Override
    public String toString() {
        return "GatewayProperties[operatorToken=***, commandTimeout=" + commandTimeout + ", maxBodySize=" + maxBodySize
                + ", authCacheTtl=" + authCacheTtl + "]";
    }
}
