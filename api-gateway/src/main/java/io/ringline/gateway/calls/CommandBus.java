package io.ringline.gateway.calls;

import reactor.core.publisher.Mono;

/** Request-reply with the signaling service over Kafka (docs/internal-apis.md "Kafka request-reply"). */
public interface CommandBus {

    /**
     * Sends the command and waits for its reply. Errors only when the command could not be handed to the
     * broker; a missing reply is {@link RequestOutcome.TimedOut}.
     */
    Mono<RequestOutcome> send(CommandRequest command);

    /** Sends a command whose reply nobody waits for (a compensation); completes once the broker has it. */
    Mono<Void> sendWithoutReply(CommandRequest command);
}
