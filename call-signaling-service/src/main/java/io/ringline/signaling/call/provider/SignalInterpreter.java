package io.ringline.signaling.call.provider;

/** Reads one provider's signal payloads ({@code ProviderSignal.kind} starting with {@link #kindPrefix()}). */
public interface SignalInterpreter {

    String kindPrefix();

    /** @throws MalformedSignalException when the payload is not what the kind promises */
    ProviderObservation interpret(String kind, String payloadJson);
}
