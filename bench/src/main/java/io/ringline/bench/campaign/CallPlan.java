package io.ringline.bench.campaign;

import java.util.Map;

/**
 * The kinds of call the campaign's steady load mixes: both providers, business- and user-initiated, answered,
 * rejected, missed, ended by either side; on some answered EVO_GO calls a realtime session is opened before the
 * business hangs up. Each kind has its own simulated users, whose sandbox behaviour makes the call go that way.
 */
enum CallPlan {
    GO_OUT_USER_HANGS_UP("EVO_GO", true, Map.of("onCall", "answer", "afterMs", 200, "hangUpAfterMs", 600)),
    GO_OUT_BUSINESS_HANGS_UP_WITH_SESSION("EVO_GO", true,
            Map.of("onCall", "answer", "afterMs", 200, "hangUpAfterMs", -1)),
    GO_OUT_REJECTED("EVO_GO", true, Map.of("onCall", "reject", "afterMs", 200)),
    GO_OUT_MISSED("EVO_GO", true, Map.of("onCall", "ignore")),
    META_OUT_USER_HANGS_UP("META", true,
            Map.of("onCall", "answer", "afterMs", 200, "hangUpAfterMs", 600, "permission", "permanent")),
    META_OUT_REJECTED("META", true, Map.of("onCall", "reject", "afterMs", 200, "permission", "permanent")),
    GO_IN_ACCEPTED("EVO_GO", false, Map.of("hangUpAfterMs", 600)),
    GO_IN_REJECTED("EVO_GO", false, Map.of("hangUpAfterMs", 600)),
    META_IN_ACCEPTED("META", false, Map.of("hangUpAfterMs", 600)),
    META_IN_MISSED("META", false, Map.of("hangUpAfterMs", 600));

    final String provider;
    final boolean businessInitiated;
    final Map<String, Object> userBehaviour;

    CallPlan(String provider, boolean businessInitiated, Map<String, Object> userBehaviour) {
        this.provider = provider;
        this.businessInitiated = businessInitiated;
        this.userBehaviour = userBehaviour;
    }
}
