package io.ringline.sandbox.meta.permission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.ringline.sandbox.sim.user.OnCall;
import io.ringline.sandbox.sim.user.PermissionAnswer;
import io.ringline.sandbox.sim.user.SimulatedUsers;
import io.ringline.sandbox.sim.user.UserDefaultsProperties;
import org.junit.jupiter.api.Test;

/** Permission grants and Meta's limits around them, without Spring. */
class CallPermissionsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final String NUMBER = "1001";
    private static final String USER = "5511988887777";

    private final SimulatedUsers users = new SimulatedUsers(new UserDefaultsProperties(OnCall.ANSWER,
            Duration.ofSeconds(1), Duration.ofSeconds(3), PermissionAnswer.NONE));
    private final CallPermissions permissions = new CallPermissions(users);

    @Test
    void behaviourPermissionIsTheStartingGrant() {
        assertThat(permissions.state(NUMBER, USER, T0).grant().status()).isEqualTo(PermissionStatus.NO_PERMISSION);

        define(PermissionAnswer.TEMPORARY);

        PermissionState state = permissions.state(NUMBER, USER, T0);
        assertThat(state.grant().status()).isEqualTo(PermissionStatus.TEMPORARY);
        assertThat(state.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(state.mayCall()).isTrue();
    }

    @Test
    void temporaryGrantExpiresAfterSevenDays() {
        define(PermissionAnswer.NONE);
        permissions.replied(NUMBER, USER, PermissionAnswer.TEMPORARY, T0);

        assertThat(permissions.state(NUMBER, USER, T0.plus(Duration.ofDays(6))).mayCall()).isTrue();
        assertThat(permissions.state(NUMBER, USER, T0.plus(Duration.ofDays(7))).grant().status())
                .isEqualTo(PermissionStatus.NO_PERMISSION);
    }

    @Test
    void fourUnansweredBusinessCallsInARowRevokeATemporaryGrant() {
        define(PermissionAnswer.TEMPORARY);
        for (int i = 0; i < 3; i++) {
            permissions.businessCallUnanswered(NUMBER, USER, T0);
        }
        permissions.businessCallAnswered(NUMBER, USER, T0);
        for (int i = 0; i < 3; i++) {
            permissions.businessCallUnanswered(NUMBER, USER, T0);
        }
        assertThat(permissions.state(NUMBER, USER, T0).grant().status()).isEqualTo(PermissionStatus.TEMPORARY);

        permissions.businessCallUnanswered(NUMBER, USER, T0);

        assertThat(permissions.state(NUMBER, USER, T0).grant().status()).isEqualTo(PermissionStatus.NO_PERMISSION);
    }

    @Test
    void requestsAreLimitedToOnePerDayAndTwoPerWeek() {
        permissions.requested(NUMBER, USER, T0);
        assertThat(permissions.state(NUMBER, USER, T0.plusSeconds(60)).mayRequest()).isFalse();
        assertThat(permissions.state(NUMBER, USER, T0.plusSeconds(60)).requestLimits().getFirst().limitExpiresAt())
                .isEqualTo(T0.plus(Duration.ofHours(24)));

        permissions.requested(NUMBER, USER, T0.plus(Duration.ofHours(25)));
        PermissionState state = permissions.state(NUMBER, USER, T0.plus(Duration.ofHours(50)));
        assertThat(state.mayRequest()).isFalse();
        assertThat(state.requestLimits().get(1).currentUsage()).isEqualTo(2);

        assertThat(permissions.state(NUMBER, USER, T0.plus(Duration.ofDays(7)).plusSeconds(1)).mayRequest()).isTrue();
    }

    @Test
    void redefiningTheBehaviourSupersedesEarlierReplies() {
        define(PermissionAnswer.NONE);
        permissions.replied(NUMBER, USER, PermissionAnswer.PERMANENT, T0);
        assertThat(permissions.state(NUMBER, USER, T0).grant().status()).isEqualTo(PermissionStatus.PERMANENT);

        define(PermissionAnswer.NONE);

        assertThat(permissions.state(NUMBER, USER, T0).grant().status()).isEqualTo(PermissionStatus.NO_PERMISSION);
    }

    private void define(PermissionAnswer permission) {
        users.define(USER, null, null, null, permission, null);
    }
}
