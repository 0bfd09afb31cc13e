package io.ringline.bench.load;

import reactor.core.publisher.Mono;

/** One operation of a run: the {@code index}-th of its schedule, intended to start at {@code intendedNanos}. */
@FunctionalInterface
public interface Operation {

    Mono<Outcome> start(int index, long intendedNanos);
}
