package io.ringline.signaling.call.application;

import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.call.provider.ProviderObservation;
import io.ringline.signaling.call.provider.ProviderObservation.AboutCall;
import io.ringline.signaling.call.provider.ProviderObservation.CallReports;
import io.ringline.signaling.call.provider.ProviderObservation.Offered;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import reactor.core.publisher.Mono;

/**
 * The calls a poll's reports name, read in one statement at the start of the poll's transaction, so each signal
 * about a known call costs its update and not also its own lookup (a round trip each, one after another: the
 * driver never pipelines). Each call is handed out <em>once</em>: the signal that takes it will usually change it,
 * and a later signal of the same call in the poll must see that change, so it reads the row again. Nothing else in
 * the transaction changes a listed call before its first signal takes it — offers make new calls, and a given-up
 * placement claimed by a report has no provider id yet — and a command that changed one meanwhile fails the update's
 * version check, which retries the whole poll. Not thread-safe: a poll's effects run one after another.
 */
final class PolledCalls {

    private static final PolledCalls NONE = new PolledCalls(Map.of());

    private final Map<ProviderCallId, Call> calls;

    private PolledCalls(Map<ProviderCallId, Call> calls) {
        this.calls = calls;
    }

    /** For a signal applied alone: every lookup reads the database. */
    static PolledCalls none() {
        return NONE;
    }

    /** Reads the calls these signals report on; no statement when none does (a poll of offers only). */
    static Mono<PolledCalls> read(CallRepository repository, List<SignalService.Observed> signals) {
        Set<ProviderCallId> named = ProviderCallId.namedBy(signals, PolledCalls::reported);
        if (named.isEmpty()) {
            return Mono.just(NONE);
        }
        return repository.findByExternalIds(ProviderCallId.numberIds(named), ProviderCallId.externalCallIds(named))
                .collectMap(ProviderCallId::of, call -> call, HashMap::new)
                .map(PolledCalls::new);
    }

    /** The provider call ids a report names, offers aside (an offer decides under the id's lock, and reads there). */
    private static Stream<String> reported(ProviderObservation observation) {
        return switch (observation) {
            case Offered offer -> Stream.empty();
            case AboutCall report -> Stream.of(report.externalCallId());
            case CallReports reports -> reports.items().stream().filter(item -> !(item instanceof Offered))
                    .map(AboutCall::externalCallId);
            default -> Stream.empty();
        };
    }

    /** The call as this poll read it, the first time it is asked for; empty afterwards, or if it was not there. */
    Mono<Call> take(String numberId, String externalCallId) {
        return calls.isEmpty() ? Mono.empty()
                : Mono.fromSupplier(() -> calls.remove(new ProviderCallId(numberId, externalCallId)));
    }
}
