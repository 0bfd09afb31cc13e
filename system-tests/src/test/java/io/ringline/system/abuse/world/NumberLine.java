package io.ringline.system.abuse.world;

import java.util.List;

/**
 * One business number of a campaign tenant with everything the campaign may present for it or aim at it.
 *
 * @param provider        META or EVO_GO
 * @param numberKey       its number-scoped API key (secret)
 * @param metaPhoneNumberId, metaAppSecret, metaVerifyToken, metaAccessToken  META only, else null
 * @param goInstanceName, goInstanceToken                                    EVO_GO only, else null
 * @param callIds         its finished calls, Ringline ids
 * @param externalCallIds the same calls' provider ids
 * @param webhookId       a subscription created with its number key (number-scoped), or null
 */
public record NumberLine(String id, String phone, String provider, String numberKey, String numberKeyId,
        String metaPhoneNumberId, String metaAppSecret, String metaVerifyToken, String metaAccessToken,
        String goInstanceName, String goInstanceToken, List<String> callIds, List<String> externalCallIds,
        String webhookId) {

    public boolean isMeta() {
        return "META".equals(provider);
    }
}
