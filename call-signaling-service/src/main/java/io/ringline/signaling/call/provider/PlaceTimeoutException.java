package io.ringline.signaling.call.provider;

import io.ringline.signaling.number.Provider;
import reactor.core.publisher.Mono;

/**
 * A place the provider did not answer within {@code provider-timeout}. The provider may have created the call
 * all the same, so the request was not abandoned: {@link #lateCallId()} emits the provider's id for it if the
 * answer still comes within {@code late-answer-window}, and completes empty (or fails) otherwise.
 */
public class PlaceTimeoutException extends ProviderTimeoutException {

    private final transient Mono<String> lateCallId;

    public PlaceTimeoutException(Provider provider, Mono<String> lateCallId) {
        super(provider, "place");
        this.lateCallId = lateCallId;
    }

    public Mono<String> lateCallId() {
        return lateCallId;
    }
}
