package io.ringline.sandbox.evogo.realtime;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.ringline.sandbox.sim.call.CallIds;
import org.springframework.stereotype.Component;

/**
 * Single-use realtime session tokens. Presenting a token consumes it whatever happens next, so a token that leaked
 * into a log cannot be replayed, and a forged, reused or expired one is refused before any audio flows.
 */
@Component
public class RealtimeGrants {

    private final Map<String, RealtimeGrant> outstanding = new ConcurrentHashMap<>();
    private final RealtimeProperties properties;
    private final Clock clock;

    public RealtimeGrants(RealtimeProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    public RealtimeGrant issue(String instanceName, String callId, RealtimeMode mode) {
        Instant now = clock.instant();
        // Unredeemed grants would otherwise pile up in a long-running sandbox.
        outstanding.values().removeIf(grant -> !now.isBefore(grant.expiresAt()));
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(CallIds.randomBytes(24));
        RealtimeGrant grant = new RealtimeGrant(token, instanceName, callId, mode, now.plus(properties.tokenTtl()));
        outstanding.put(token, grant);
        return grant;
    }

    /**
     * Consumes the token. {@code callId} is the one in the WebSocket URL, if any: it must name the granted call, as
     * must the instance in the path.
     */
    public RealtimeGrant redeem(String token, String instanceName, String callId) {
        RealtimeGrant grant = token == null ? null : outstanding.remove(token);
        if (grant == null) {
            throw new RealtimeTokenRefusedException("unknown or already used token");
        }
        if (!clock.instant().isBefore(grant.expiresAt())) {
            throw new RealtimeTokenRefusedException("token expired");
        }
        if (!grant.instanceName().equals(instanceName) || (callId != null && !grant.callId().equals(callId))) {
            throw new RealtimeTokenRefusedException("token was not issued for this call");
        }
        return grant;
    }
}
