package io.ringline.signaling.call.provider;

import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.number.Provider;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * What a failed provider exchange tells the tenant. Anything that is not the provider's own answer (no
 * connection, a reset, a TLS failure, a destination the address guard refused) becomes one fixed
 * {@code 502 PROVIDER_UNREACHABLE} per provider — byte for byte the same whatever happened, so nobody can
 * map addresses or ports through Ringline. What really happened is logged for operators only.
 */
public final class ProviderFailures {

    private static final Logger log = LoggerFactory.getLogger(ProviderFailures.class);

    private ProviderFailures() {
    }

    /** The provider's name as tenants read it in messages. */
    public static String displayName(Provider provider) {
        return provider == Provider.META ? "Meta" : "Evolution GO";
    }

    /**
     * For {@code onErrorMap}: a {@link ProviderException} (the provider's own answer, already mapped) passes;
     * an answer too large to read is an unexpected answer; everything else is "unreachable".
     */
    public static Function<Throwable, Throwable> toTenantError(Provider provider, String numberId,
            Function<String, CommandError> unexpectedAnswer) {
        return e -> {
            if (e instanceof ProviderException) {
                return e;
            }
            if (e instanceof DataBufferLimitException) {
                log.warn("{} answered number {} with a body over the limit", displayName(provider), numberId);
                return new ProviderException(unexpectedAnswer.apply("the answer is too large"));
            }
            log.warn("{} unreachable for number {}: {}", displayName(provider), numberId, describe(e));
            return new ProviderException(CommandError.providerUnreachable(displayName(provider)));
        };
    }

    private static String describe(Throwable e) {
        StringBuilder chain = new StringBuilder(e.toString());
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            chain.append(" <- ").append(cause);
        }
        return chain.toString();
    }
}
