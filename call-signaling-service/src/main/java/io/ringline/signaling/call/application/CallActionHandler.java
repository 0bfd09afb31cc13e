package io.ringline.signaling.call.application;

import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CommandError;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * One call action, in its two halves: what it checks in the claiming transaction, and — once the claim
 * committed, so a redelivery can never reach the provider twice — the provider request and the one
 * transaction recording its answer. The call is loaded once, by {@link #decide}, and handed to {@link #perform}.
 */
interface CallActionHandler<A extends CallAction> {

    /** What the claiming transaction decided. */
    sealed interface Decision {

        /** Answered without the provider; the error is stored for redeliveries. */
        record Refused(CommandOutcome outcome) implements Decision {
        }

        /** Go ahead with the provider, on this call (for a placement: just stored). */
        record Proceed(Call call) implements Decision {
        }
    }

    /**
     * In the claiming transaction, the command's id already claimed.
     *
     * @param connectionRefusal the connection gate's answer, asked before the transaction (it may ask GO)
     */
    Mono<Decision> decide(IncomingCommand command, A action, Optional<CommandError> connectionRefusal);

    /** After the claim committed: the provider request, then one transaction for its answer. */
    Mono<CommandOutcome> perform(IncomingCommand command, A action, Call call);
}
