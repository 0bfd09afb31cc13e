package io.ringline.signaling.call.application;

import io.ringline.signaling.call.CallEvent;
import io.ringline.signaling.call.NumberEvent;
import reactor.core.publisher.Mono;

/** Where call events go; must be written in the transaction of the change that caused them. */
public interface CallEventSink {

    Mono<Void> append(CallEvent event);

    Mono<Void> append(NumberEvent event);
}
