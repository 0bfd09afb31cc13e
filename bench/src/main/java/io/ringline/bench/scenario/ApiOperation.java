package io.ringline.bench.scenario;

import io.ringline.bench.load.Http;
import io.ringline.bench.load.Outcome;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/** A request to the public API as one operation of a ramp, booked in its scenario's ledger whichever way it ends. */
final class ApiOperation {

    private ApiOperation() {
    }

    /**
     * OK when the API answers {@code expected} ({@code succeeded} books the answer); otherwise failed with the status
     * or, when no answer came, the exception's name ({@code failed} books it).
     */
    static Mono<Outcome> outcome(Mono<Http.Response> request, int expected, Consumer<Http.Response> succeeded,
            Runnable failed) {
        return request
                .map(response -> {
                    if (response.status() == expected) {
                        succeeded.accept(response);
                        return Outcome.OK;
                    }
                    failed.run();
                    return Outcome.failed("HTTP " + response.status());
                })
                .onErrorResume(e -> {
                    failed.run();
                    return Mono.just(Outcome.failed(e.getClass().getSimpleName()));
                });
    }
}
