package io.ringline.schemas;

import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CommandReply;
import io.ringline.schemas.avro.NumberRevision;
import io.ringline.schemas.avro.ProviderSignal;
import java.util.List;

/** The topics Ringline's services exchange. docs/topics.md describes each one for consumers. */
public final class Topics {

    /** Gateway → signaling: what a tenant wants done with a call. */
    public static final Topic<CallCommand> CALL_COMMANDS =
            new Topic<>("calls.commands", CallCommand.class, "numberId", 6);

    /** Signaling → the gateway instance that asked: the outcome of a command. */
    public static final Topic<CommandReply> CALL_REPLIES =
            new Topic<>("calls.replies", CommandReply.class, "numberId", 3);

    /** Gateway → signaling: authenticated provider webhooks (Meta, Evolution GO). */
    public static final Topic<ProviderSignal> PROVIDER_SIGNALS =
            new Topic<>("provider.signals", ProviderSignal.class, "numberId", 6);

    /** Signaling → everyone: the public call event stream (fan-out, media bridge, analytics). */
    public static final Topic<CallEvent> CALL_EVENTS =
            new Topic<>("call-events", CallEvent.class, "numberId", 6);

    /**
     * Gateway → every service that acts for numbers: each number's latest revision (compacted, so a new
     * consumer group replays every number from the start). Commands name a number by id and revision only.
     */
    public static final Topic<NumberRevision> NUMBERS =
            new Topic<>("numbers", NumberRevision.class, "numberId", 6, true);

    private Topics() {
    }

    public static List<Topic<?>> all() {
        return List.of(CALL_COMMANDS, CALL_REPLIES, PROVIDER_SIGNALS, CALL_EVENTS, NUMBERS);
    }
}
