package io.ringline.fanout.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fan-out rule and the subscription's transitions. */
class SubscriptionTest {

    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    static Subscription subscription(String events, String numbers) {
        return Subscription.create("ten_1", new NewSubscription("n", "https://x.example.com",
                EventSelection.of(split(events)), split(numbers)), "v1.sealed", T0);
    }

    static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.asList(csv.split(" "));
    }

    @ParameterizedTest(name = "events [{0}] numbers [{1}]: {2}/{3}/{4} → {5}")
    @CsvSource({
            "*,                        ,          ten_1, num_1, CALL_RINGING,            true",
            "*,                        ,          ten_2, num_1, CALL_RINGING,            false",
            "'',                       ,          ten_1, num_1, CALL_RINGING,            false",
            "call.ended,               ,          ten_1, num_1, CALL_ENDED,              true",
            "call.ended,               ,          ten_1, num_1, CALL_MISSED,             false",
            "call.ended call.missed,   num_1,     ten_1, num_1, CALL_MISSED,             true",
            "*,                        num_1,     ten_1, num_2, CALL_RINGING,            false",
            "*,                        num_1 num_2, ten_1, num_2, CALL_CONNECTED,        true",
            "calls,                    ,          ten_1, num_1, CALLS,                   true",
            "calls,                    ,          ten_1, num_1, CALL_RINGING,            false",
            "call.permission_updated,  ,          ten_1, num_1, CALL_PERMISSION_UPDATED, true"})
    void receives(String events, String numbers, String tenant, String number, EventName event, boolean expected) {
        assertThat(subscription(events, numbers).receives(tenant, number, event)).isEqualTo(expected);
    }

    @Test
    void anInactiveSubscriptionReceivesNothing() {
        Subscription s = subscription("*", null);
        s.disable(DisableReason.GONE, T0);
        assertThat(s.receives("ten_1", "num_1", EventName.CALL_RINGING)).isFalse();
    }

    @Test
    void numberScopedCallersSeeOnlyWebhooksBoundToTheirNumber() {
        assertThat(subscription("*", "num_1").visibleTo("num_1")).isTrue();
        assertThat(subscription("*", "num_1 num_2").visibleTo("num_2")).isTrue();
        assertThat(subscription("*", "num_1").visibleTo("num_2")).isFalse();
        assertThat(subscription("*", null).visibleTo("num_1")).isFalse();
        assertThat(subscription("*", null).visibleTo(null)).isTrue();
    }

    @Test
    void updateChangesOnlyWhatIsGivenAndReportsActivation() {
        Subscription s = subscription("call.ringing", "num_1");
        Instant later = T0.plusSeconds(60);

        assertThat(s.update(new SubscriptionChanges(null, null, EventSelection.of(List.of("call.ended")), null, null),
                later)).isEmpty();
        assertThat(s.snapshot().events().names()).containsExactly("call.ended");
        assertThat(s.snapshot().numberIds()).containsExactly("num_1");
        assertThat(s.snapshot().name()).isEqualTo("n");
        assertThat(s.snapshot().updatedAt()).isEqualTo(later);

        assertThat(s.update(new SubscriptionChanges(null, null, null, false, null), later))
                .containsExactly(new SubscriptionEvent.Disabled(s.id(), "ten_1", DisableReason.BY_TENANT));
        assertThat(s.snapshot().disabledReason()).isEqualTo(DisableReason.BY_TENANT);
        assertThat(s.update(new SubscriptionChanges(null, null, null, false, null), later)).isEmpty();
        assertThat(s.update(new SubscriptionChanges(null, null, null, true, null), later))
                .containsExactly(new SubscriptionEvent.Reactivated(s.id(), "ten_1"));
        assertThat(s.snapshot().disabledReason()).isNull();
    }

    @Test
    void disableHappensOnce() {
        Subscription s = subscription("*", null);
        assertThat(s.disable(DisableReason.GONE, T0))
                .containsExactly(new SubscriptionEvent.Disabled(s.id(), "ten_1", DisableReason.GONE));
        assertThat(s.disable(DisableReason.FAILING, T0)).isEmpty();
        assertThat(s.snapshot().disabledReason()).isEqualTo(DisableReason.GONE);
    }

    @ParameterizedTest(name = "failing since -{0}h → too long: {1}")
    @CsvSource({"119, false", "120, true", "200, true"})
    void failingTooLongAfterTheConfiguredPeriod(long hoursAgo, boolean expected) {
        assertThat(Subscription.failingTooLong(T0.minus(Duration.ofHours(hoursAgo)), T0, Duration.ofDays(5)))
                .isEqualTo(expected);
        assertThat(Subscription.failingTooLong(null, T0, Duration.ofDays(5))).isFalse();
    }
}
