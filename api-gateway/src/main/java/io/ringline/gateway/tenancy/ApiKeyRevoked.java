package io.ringline.gateway.tenancy;

/** Published (in-process) when keys stop being valid, so caches of this instance forget them at once. */
public record ApiKeyRevoked(java.util.List<String> keyHashes) {
}
