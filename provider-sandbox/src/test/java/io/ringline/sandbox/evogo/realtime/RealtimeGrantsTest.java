package io.ringline.sandbox.evogo.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Single-use, expiring realtime tokens, against a clock the test moves. */
class RealtimeGrantsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T02:00:00Z"));
    private final RealtimeGrants grants = new RealtimeGrants(new RealtimeProperties(Duration.ofSeconds(120), null),
            clock);

    @Test
    void aTokenIsRedeemedOnceForItsCall() {
        RealtimeGrant grant = grants.issue("inst", "CALL1", RealtimeMode.LISTEN);

        RealtimeGrant redeemed = grants.redeem(grant.token(), "inst", "CALL1");

        assertThat(redeemed.mode()).isEqualTo(RealtimeMode.LISTEN);
        assertThat(redeemed.expiresAt()).isEqualTo(clock.instant().plusSeconds(120));
        assertThatThrownBy(() -> grants.redeem(grant.token(), "inst", "CALL1"))
                .isInstanceOf(RealtimeTokenRefusedException.class)
                .hasMessage("unknown or already used token");
    }

    @Test
    void aTokenIsValidForItsTtlOnly() {
        RealtimeGrant fresh = grants.issue("inst", "CALL1", RealtimeMode.TALK);
        RealtimeGrant stale = grants.issue("inst", "CALL1", RealtimeMode.TALK);

        clock.advance(Duration.ofSeconds(119));
        assertThat(grants.redeem(fresh.token(), "inst", null).callId()).isEqualTo("CALL1");
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> grants.redeem(stale.token(), "inst", "CALL1"))
                .isInstanceOf(RealtimeTokenRefusedException.class)
                .hasMessage("token expired");
    }

    @Test
    void aForgedOrMisdirectedTokenIsRefusedAndBurnt() {
        RealtimeGrant grant = grants.issue("inst", "CALL1", RealtimeMode.TALK);

        assertThatThrownBy(() -> grants.redeem("forged", "inst", "CALL1"))
                .hasMessage("unknown or already used token");
        assertThatThrownBy(() -> grants.redeem(null, "inst", "CALL1"))
                .hasMessage("unknown or already used token");
        assertThatThrownBy(() -> grants.redeem(grant.token(), "inst", "CALL2"))
                .hasMessage("token was not issued for this call");
        assertThatThrownBy(() -> grants.redeem(grant.token(), "inst", "CALL1"))
                .hasMessage("unknown or already used token");
    }

    @Test
    void anotherInstanceCannotUseTheToken() {
        RealtimeGrant grant = grants.issue("inst", "CALL1", RealtimeMode.TALK);

        assertThatThrownBy(() -> grants.redeem(grant.token(), "other", "CALL1"))
                .hasMessage("token was not issued for this call");
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
