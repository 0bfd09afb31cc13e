package io.ringline.signaling.number;

import java.util.Objects;

/**
 * A business number as the gateway (its owner) last described it: enough to act for it at its
 * provider. Credentials stay a SecretBox envelope until an adapter needs them.
 *
 * @param provider {@link Provider#NONE} when the number's kind is one this service cannot call through
 * @param version  the gateway's revision of the number; a replica keeps the newest
 */
public record NumberAccount(
        String numberId,
        String tenantId,
        Provider provider,
        String phone,
        String baseUrl,
        String accountId,
        String encryptedCredentials,
        long version) {

    public NumberAccount {
        Objects.requireNonNull(provider, "provider (Provider.NONE when it cannot call)");
    }

    public boolean supportsCalling() {
        return provider.supportsCalling();
    }

    public NumberRef ref() {
        if (!supportsCalling()) {
            throw new IllegalStateException("number " + numberId + " has no calling provider");
        }
        return new NumberRef(numberId, tenantId, provider);
    }

    @Override
    public String toString() {
        return "NumberAccount[" + numberId + ", " + provider + ", " + phone + ", v" + version + "]";
    }
}
