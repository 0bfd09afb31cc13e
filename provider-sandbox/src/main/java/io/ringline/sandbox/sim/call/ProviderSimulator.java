package io.ringline.sandbox.sim.call;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** What the control API needs from each simulated provider, so it never has to know which one serves a number. */
public interface ProviderSimulator {

    SimulatedProvider provider();

    boolean servesBusinessPhone(String businessPhone);

    /**
     * The simulated user calls the business (a user-initiated call).
     *
     * @return the provider's id of the new call, once the provider has told the business about it (a Meta call
     *         waits for the user's phone to make its offer)
     * @throws UserCallRefusedException when the provider would not put the call through (e.g. instance offline)
     */
    CompletableFuture<String> placeUserCall(String userPhone, String businessPhone);

    /**
     * The simulated user hangs up (or declines, if the call is still ringing at the user).
     *
     * @return false when the call had already ended
     * @throws java.util.NoSuchElementException when the provider has no such call
     */
    boolean userHangsUp(String externalCallId);

    Optional<? extends SimulatedCall> findCall(String externalCallId);

    Stream<? extends SimulatedCall> calls();

    /** Drops calls that ended before {@code cutoff}. */
    void forgetEndedBefore(Instant cutoff);
}
