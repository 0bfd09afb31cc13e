package io.ringline.sandbox.meta.permission;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.ringline.sandbox.sim.user.PermissionAnswer;
import io.ringline.sandbox.sim.user.SimulatedUsers;
import io.ringline.sandbox.sim.user.UserBehaviour;
import org.springframework.stereotype.Component;

/**
 * Call permissions of simulated users towards business numbers, and Meta's limits around them: permission
 * requests (1 per 24 h, 2 per 7 days), connected business-initiated calls (100 per 24 h), temporary grants lasting
 * 7 days and lost after 4 consecutive unanswered business calls.
 * <p>
 * A user's behaviour {@code permission} is the permission it has already given every business; replies to
 * permission requests (made under the same behaviour) and revocations override it until the behaviour is redefined.
 */
@Component
public class CallPermissions {

    public static final Duration TEMPORARY_VALIDITY = Duration.ofDays(7);
    private static final int UNANSWERED_CALLS_REVOKING_TEMPORARY = 4;
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration WEEK = Duration.ofDays(7);

    private final SimulatedUsers users;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, UsageLog> requests = new ConcurrentHashMap<>();
    private final Map<String, UsageLog> connectedCalls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> unansweredInARow = new ConcurrentHashMap<>();

    public CallPermissions(SimulatedUsers users) {
        this.users = users;
    }

    public PermissionState state(String phoneNumberId, String user, Instant now) {
        String key = key(phoneNumberId, user);
        return new PermissionState(grant(phoneNumberId, user, now),
                List.of(UsageLimit.of("PT24H", DAY, 1, log(requests, key), now),
                        UsageLimit.of("P7D", WEEK, 2, log(requests, key), now)),
                List.of(UsageLimit.of("PT24H", DAY, 100, log(connectedCalls, key), now)));
    }

    public void requested(String phoneNumberId, String user, Instant now) {
        log(requests, key(phoneNumberId, user)).add(now);
    }

    /** The user answered a permission request; declining leaves the current permission as it is. */
    public Grant replied(String phoneNumberId, String user, PermissionAnswer answer, Instant now) {
        UserBehaviour behaviour = users.behaviourOf(user);
        Grant grant = switch (answer) {
            case NONE -> grant(phoneNumberId, user, now);
            case TEMPORARY -> new Grant(PermissionStatus.TEMPORARY, now.plus(TEMPORARY_VALIDITY), behaviour.revision());
            case PERMANENT -> new Grant(PermissionStatus.PERMANENT, null, behaviour.revision());
        };
        grants.put(key(phoneNumberId, user), grant);
        unansweredInARow.remove(key(phoneNumberId, user));
        return grant;
    }

    public void businessCallAnswered(String phoneNumberId, String user, Instant now) {
        log(connectedCalls, key(phoneNumberId, user)).add(now);
        unansweredInARow.remove(key(phoneNumberId, user));
    }

    public void businessCallUnanswered(String phoneNumberId, String user, Instant now) {
        String key = key(phoneNumberId, user);
        int inARow = unansweredInARow.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Grant grant = grant(phoneNumberId, user, now);
        if (grant.status() == PermissionStatus.TEMPORARY && inARow >= UNANSWERED_CALLS_REVOKING_TEMPORARY) {
            grants.put(key, new Grant(PermissionStatus.NO_PERMISSION, null, grant.behaviourRevision()));
        }
    }

    /** The stored grant while valid; otherwise the one the user's current behaviour implies (stored from then on). */
    private Grant grant(String phoneNumberId, String user, Instant now) {
        UserBehaviour behaviour = users.behaviourOf(user);
        return grants.compute(key(phoneNumberId, user), (key, stored) -> {
            if (stored != null && stored.behaviourRevision() == behaviour.revision()) {
                return stored.expiredAt(now)
                        ? new Grant(PermissionStatus.NO_PERMISSION, null, stored.behaviourRevision())
                        : stored;
            }
            return switch (behaviour.permission()) {
                case NONE -> new Grant(PermissionStatus.NO_PERMISSION, null, behaviour.revision());
                case TEMPORARY -> new Grant(PermissionStatus.TEMPORARY, now.plus(TEMPORARY_VALIDITY),
                        behaviour.revision());
                case PERMANENT -> new Grant(PermissionStatus.PERMANENT, null, behaviour.revision());
            };
        });
    }

    private static UsageLog log(Map<String, UsageLog> logs, String key) {
        return logs.computeIfAbsent(key, k -> new UsageLog());
    }

    private static String key(String phoneNumberId, String user) {
        return phoneNumberId + ":" + user;
    }
}
