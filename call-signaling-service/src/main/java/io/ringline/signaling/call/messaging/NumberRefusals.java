package io.ringline.signaling.call.messaging;

import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.number.NumberReplica.Replicated;
import java.util.Optional;

/** Why a command cannot use the number it names, if it cannot; decided before anything is claimed or stored. */
final class NumberRefusals {

    /** The numbers topic has not brought the revision the gateway acted on (yet): worth retrying at once. */
    static final CommandError NOT_READY = new CommandError(503, "NUMBER_NOT_READY",
            "The number's latest settings have not reached the call service yet; retry shortly",
            "{\"retryAfterSeconds\":1}");

    /** Deleted, or not the tenant's: the same answer the public API gives for a number that is not there. */
    static final CommandError NOT_FOUND = new CommandError(404, "NUMBER_NOT_FOUND", "Number not found", null);

    private NumberRefusals() {
    }

    static Optional<CommandError> of(AddressedCommand command, Optional<Replicated> replicated) {
        if (replicated.isEmpty()) {
            return Optional.of(NOT_READY);
        }
        Replicated number = replicated.get();
        if (number.deleted() || !number.account().tenantId().equals(command.tenantId())) {
            return Optional.of(NOT_FOUND);
        }
        return Optional.empty();
    }
}
