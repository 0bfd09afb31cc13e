package io.ringline.gateway.tenancy;

/**
 * Two values as one cache key ({@code first:second}) and back: the gateway's number caches are keyed by a pair
 * (number id and tenant id; token hash and instance name). The first part must hold no colon — ids and hex hashes do
 * not — so the first colon ends it whatever the second holds.
 */
public record PairKey(String first, String second) {

    public static PairKey parse(String key) {
        int colon = key.indexOf(':');
        return new PairKey(key.substring(0, colon), key.substring(colon + 1));
    }

    public String key() {
        return first + ":" + second;
    }
}
