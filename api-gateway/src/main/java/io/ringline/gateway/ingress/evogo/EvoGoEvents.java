package io.ringline.gateway.ingress.evogo;

import java.util.Set;

/**
 * The Evolution GO webhook events Ringline forwards (SPEC §6.2). GO sends many more (messages, presence…);
 * those are acknowledged and dropped.
 */
final class EvoGoEvents {

    static final Set<String> FORWARDED = Set.of(
            "CallOffer", "CallRinging", "CallAccept", "CallTerminate", "CallReject", "ConnectionUpdate");

    private EvoGoEvents() {
    }

    static boolean isForwarded(String event) {
        return FORWARDED.contains(event);
    }

    /** Signal kind on provider.signals (docs/internal-apis.md). */
    static String kind(String event) {
        return "evogo." + event;
    }
}
