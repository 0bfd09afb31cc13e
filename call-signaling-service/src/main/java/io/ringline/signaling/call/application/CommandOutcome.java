package io.ringline.signaling.call.application;

import io.ringline.signaling.call.CallSnapshot;
import io.ringline.signaling.call.CommandError;

/** How a command ended: with the call as it now is, or with an error for the sender. */
public sealed interface CommandOutcome {

    record Succeeded(CallSnapshot call) implements CommandOutcome {
    }

    record Failed(String callId, CommandError error) implements CommandOutcome {
    }
}
