package io.ringline.signaling.call.provider;

import java.util.List;
import org.springframework.stereotype.Component;

/** Hands each signal to the interpreter of its provider, chosen by the kind's prefix. */
@Component
public class SignalInterpreters {

    private final List<SignalInterpreter> interpreters;

    public SignalInterpreters(List<SignalInterpreter> interpreters) {
        this.interpreters = interpreters;
    }

    /** @throws MalformedSignalException for a kind no provider owns, or a payload its owner cannot read */
    public ProviderObservation interpret(String kind, String payloadJson) {
        for (SignalInterpreter interpreter : interpreters) {
            if (kind.startsWith(interpreter.kindPrefix())) {
                return interpreter.interpret(kind, payloadJson);
            }
        }
        throw new MalformedSignalException("unknown signal kind " + kind);
    }
}
