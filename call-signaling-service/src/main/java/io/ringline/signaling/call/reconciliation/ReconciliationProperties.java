package io.ringline.signaling.call.reconciliation;

import io.ringline.signaling.call.CallStatus;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a call the provider stopped talking about is settled (docs/webhooks.md "Reconciliation").
 *
 * @param enabled      scan at all
 * @param scanInterval how often calls in progress are scanned
 * @param batchSize    most calls claimed per status per scan (the rest wait for the next scan)
 * @param maxSignalAge per non-terminal status: a call whose last word (signal, command or timer) is older is
 *                     reconciled — Evolution GO is asked about it; a status left out takes the default
 * @param giveUpAfter  per non-terminal status: a call no signal, command or timer changed for this long (the checks
 *                     do not count) that the provider cannot tell about (Meta has no call-state API; GO unreachable
 *                     or not connected) is settled without its word
 * @param parkedSignalAge a signal parked this long because its call never appeared (the provider's offer was lost)
 *                     is reconciled — Evolution GO is asked about the call and, when it knows it as an incoming call,
 *                     the offer is rebuilt from its answer; well above the time a call takes to get its provider id
 *                     (a signal may overtake the answer to the call request), well below
 *                     {@code parked-signal-retention}
 */
@ConfigurationProperties("ringline.signaling.reconciliation")
record ReconciliationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration scanInterval,
        @DefaultValue("100") int batchSize,
        Map<CallStatus, Duration> maxSignalAge,
        Map<CallStatus, Duration> giveUpAfter,
        @DefaultValue("1m") Duration parkedSignalAge) {

    static final Map<CallStatus, Duration> DEFAULT_MAX_SIGNAL_AGE = Map.of(
            CallStatus.INITIATED, Duration.ofMinutes(5),
            CallStatus.RINGING, Duration.ofMinutes(5),
            CallStatus.ACCEPTED, Duration.ofMinutes(15));
    static final Map<CallStatus, Duration> DEFAULT_GIVE_UP_AFTER = Map.of(
            CallStatus.INITIATED, Duration.ofMinutes(15),
            CallStatus.RINGING, Duration.ofMinutes(15),
            CallStatus.ACCEPTED, Duration.ofHours(4));

    public ReconciliationProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("ringline.signaling.reconciliation.batch-size must be positive");
        }
        if (parkedSignalAge.isNegative() || parkedSignalAge.isZero()) {
            throw new IllegalArgumentException("ringline.signaling.reconciliation.parked-signal-age must be positive");
        }
        maxSignalAge = complete("max-signal-age", maxSignalAge, DEFAULT_MAX_SIGNAL_AGE);
        giveUpAfter = complete("give-up-after", giveUpAfter, DEFAULT_GIVE_UP_AFTER);
        for (CallStatus status : maxSignalAge.keySet()) {
            if (giveUpAfter.get(status).compareTo(maxSignalAge.get(status)) < 0) {
                throw new IllegalArgumentException("ringline.signaling.reconciliation.give-up-after." + status
                        + " must be at least max-signal-age." + status);
            }
        }
    }

    private static Map<CallStatus, Duration> complete(String name, Map<CallStatus, Duration> given,
            Map<CallStatus, Duration> defaults) {
        Map<CallStatus, Duration> all = new EnumMap<>(defaults);
        if (given != null) {
            given.forEach((status, age) -> {
                if (status.isTerminal() || age == null || age.isNegative() || age.isZero()) {
                    throw new IllegalArgumentException("ringline.signaling.reconciliation." + name + "." + status
                            + ": only calls in progress are reconciled, after a positive age");
                }
                all.put(status, age);
            });
        }
        return Map.copyOf(all);
    }
}
