package io.ringline.signaling.call.application;

import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.call.persistence.PendingSignals;
import io.ringline.signaling.call.persistence.PendingSignals.Parked;
import io.ringline.signaling.call.provider.ProviderObservation;
import io.ringline.signaling.call.provider.ProviderObservation.CallReports;
import io.ringline.signaling.call.provider.ProviderObservation.Offered;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import reactor.core.publisher.Mono;

/**
 * The provider call ids a poll's offers name, decided together at the start of the poll's transaction: their locks
 * taken in one statement, the calls that have one of them already read in one, and what was parked for the others
 * taken in one — three round trips a poll where each offer made three (the driver never pipelines them;
 * docs/performance.md "Hot path step: a poll's offers decided together"). The locks stay held until the poll commits,
 * as each offer's own did.
 *
 * <p>Within the poll an offer then asks {@link #known} (a call has the id: a duplicate offer, or one the id was given
 * to before) and, when it creates the call, {@link #claim}s what was parked for the id; from then on the id is known,
 * so the provider's duplicate later in the same poll changes nothing. A signal of the same poll parked for an id
 * <em>after</em> the up-front take ({@link #parked}) is taken again by the claim, after what was taken up front
 * (arrival order). Not thread-safe: a poll's effects run one after another.
 */
final class PolledOffers {

    private final CallRepository calls;
    private final PendingSignals pending;
    /** Ids locked and read up front; any other id is decided alone (a signal applied by itself). */
    private final Set<ProviderCallId> decided;
    /** Ids a call has: read up front, or given to the call an offer of this poll created. */
    private final Set<ProviderCallId> known;
    /** Taken up front for the ids no call had. */
    private final Map<ProviderCallId, List<Parked>> parkedBefore;
    /** Ids a signal of this poll parked for after the up-front take. */
    private final Set<ProviderCallId> parkedSince = new HashSet<>();

    private PolledOffers(CallRepository calls, PendingSignals pending, Set<ProviderCallId> decided, Set<ProviderCallId> known,
            Map<ProviderCallId, List<Parked>> parkedBefore) {
        this.calls = calls;
        this.pending = pending;
        this.decided = decided;
        this.known = known;
        this.parkedBefore = parkedBefore;
    }

    /** For a signal applied alone: each offer locks, reads and takes by itself. */
    static PolledOffers none(CallRepository calls, PendingSignals pending) {
        return new PolledOffers(calls, pending, Set.of(), new HashSet<>(), Map.of());
    }

    /** Locks, reads and takes for every id these signals offer; no statement when none offers a call. */
    static Mono<PolledOffers> read(CallRepository calls, PendingSignals pending, List<SignalService.Observed> signals) {
        Set<ProviderCallId> offered = ProviderCallId.namedBy(signals, PolledOffers::offers);
        if (offered.isEmpty()) {
            return Mono.just(none(calls, pending));
        }
        List<String> numberIds = ProviderCallId.numberIds(offered);
        List<String> externalCallIds = ProviderCallId.externalCallIds(offered);
        return calls.lockExternalIds(numberIds, externalCallIds)
                .then(calls.findByExternalIds(numberIds, externalCallIds).map(ProviderCallId::of)
                        .collect(HashSet<ProviderCallId>::new, Set::add))
                .flatMap(known -> {
                    List<ProviderCallId> unknown = offered.stream().filter(id -> !known.contains(id)).toList();
                    Mono<Map<ProviderCallId, List<Parked>>> taken = unknown.isEmpty() ? Mono.just(Map.of())
                            : pending.takeAll(ProviderCallId.numberIds(unknown), ProviderCallId.externalCallIds(unknown))
                                    .collect(HashMap::new, PolledOffers::byId);
                    return taken.map(parked -> new PolledOffers(calls, pending, offered, known, parked));
                });
    }

    private static void byId(Map<ProviderCallId, List<Parked>> byId, PendingSignals.ParkedFor parked) {
        byId.computeIfAbsent(new ProviderCallId(parked.numberId(), parked.externalCallId()), id -> new ArrayList<>())
                .add(parked.signal());
    }

    private static Stream<String> offers(ProviderObservation observation) {
        return switch (observation) {
            case Offered offer -> Stream.of(offer.externalCallId());
            case CallReports reports -> reports.items().stream().filter(Offered.class::isInstance)
                    .map(ProviderObservation.AboutCall::externalCallId);
            default -> Stream.empty();
        };
    }

    /** Whether a call has this provider id (it is locked for the rest of the transaction either way). */
    Mono<Boolean> known(String numberId, String externalCallId) {
        ProviderCallId key = new ProviderCallId(numberId, externalCallId);
        if (known.contains(key)) {
            return Mono.just(true);
        }
        if (decided.contains(key)) {
            return Mono.just(false);
        }
        return calls.lockExternalId(numberId, externalCallId)
                .then(calls.findByExternalId(numberId, externalCallId).hasElement());
    }

    /** What was parked for the id of a call being created now, in arrival order; the id is known from now on. */
    Mono<List<Parked>> claim(String numberId, String externalCallId) {
        ProviderCallId key = new ProviderCallId(numberId, externalCallId);
        known.add(key);
        List<Parked> before = parkedBefore.getOrDefault(key, List.of());
        if (decided.contains(key) && !parkedSince.remove(key)) {
            return Mono.just(before);
        }
        return pending.take(numberId, externalCallId).map(since -> {
            List<Parked> all = new ArrayList<>(before);
            all.addAll(since);
            return all;
        });
    }

    /** A report of this poll gave the id to a call (a placement Ringline had given up on); an offer of it is a duplicate. */
    void given(String numberId, String externalCallId) {
        known.add(new ProviderCallId(numberId, externalCallId));
    }

    /** A signal of this poll was parked for this id (under its lock); a later offer of the id must take it. */
    void parked(String numberId, String externalCallId) {
        parkedSince.add(new ProviderCallId(numberId, externalCallId));
    }
}
