package io.ringline.signaling.call.application;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.platform.ids.Ids;
import io.ringline.platform.persistence.ProcessedMessages;
import io.ringline.platform.persistence.Transactions;
import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CallEvent;
import io.ringline.signaling.call.Direction;
import io.ringline.signaling.call.NumberEvent;
import io.ringline.signaling.number.NumberRef;
import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.call.persistence.PendingSignals;
import io.ringline.signaling.call.provider.ProviderObservation;
import io.ringline.signaling.call.provider.ProviderObservation.AboutCall;
import io.ringline.signaling.call.provider.ProviderObservation.CallReports;
import io.ringline.signaling.call.provider.ProviderObservation.ConnectionChanged;
import io.ringline.signaling.call.provider.ProviderObservation.Irrelevant;
import io.ringline.signaling.call.provider.ProviderObservation.Offered;
import io.ringline.signaling.call.provider.ProviderObservation.PermissionReplies;
import io.ringline.signaling.call.provider.ProviderObservation.RemoteAnswer;
import io.ringline.signaling.number.NumberConnections;
import io.ringline.signaling.number.NumberReplica;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies provider signals: a poll's signals in one transaction with their processed-message ids ({@link #applyAll}),
 * or one signal per transaction ({@link #apply}) when the database refuses the poll; either way a duplicate (same
 * signal id) changes nothing. A poll decides the ids its offers name first (locked, read, their parked signals taken:
 * a statement each, {@link PolledOffers}), then reads the calls its reports name in one statement ({@link PolledCalls}).
 * A signal for a provider call id no call has yet is parked and applied when the id appears.
 */
@Service
public class SignalService {

    static final String CONSUMER = "signaling.signals";

    /** A signal as the listener read it: what the provider sent and what it says. */
    public record Observed(IncomingSignal signal, ProviderObservation observation) {
    }

    private final Transactions tx;
    private final ProcessedMessages processed;
    private final NumberReplica numbers;
    private final NumberConnections connections;
    private final CallRepository calls;
    private final ParkedSignals parked;
    private final PendingSignals pending;
    private final CallJournal journal;
    private final GivenUpPlacements givenUp;
    private final Clock clock;
    private final DistributionSummary batches;

    public SignalService(Transactions tx, ProcessedMessages processed, NumberReplica numbers,
            NumberConnections connections, CallRepository calls, ParkedSignals parked, PendingSignals pending,
            CallJournal journal, GivenUpPlacements givenUp, Clock clock, MeterRegistry meters) {
        this.tx = tx;
        this.processed = processed;
        this.numbers = numbers;
        this.connections = connections;
        this.calls = calls;
        this.parked = parked;
        this.pending = pending;
        this.journal = journal;
        this.givenUp = givenUp;
        this.clock = clock;
        this.batches = DistributionSummary.builder("ringline.signaling.signals.batch")
                .description("Provider signals applied in one transaction, per poll")
                .register(meters);
    }

    /**
     * A poll's signals, in offset order, in one transaction: one processed-id insert for all of them, then each new
     * one's effect exactly as {@link #apply} has it (so one call's signals keep their order, and a signal parked early
     * in the poll is found by an offer later in it). Emits how many had been processed before. What a signal locks (a
     * provider id, a number's event sequence, a call's row) stays locked until the poll commits: a command on the
     * same call waits that long, and a second instance's poll that locks the same two numbers in the other order is
     * a deadlock PostgreSQL breaks and {@link Transactions} retries.
     */
    public Mono<Integer> applyAll(List<Observed> signals) {
        List<String> ids = signals.stream().map(observed -> observed.signal().signalId()).toList();
        return Flux.fromIterable(signals)
                .concatMap(observed -> numbers.remember(observed.signal().number())) // after the first: in memory
                .then(tx.inTransaction(() -> processed.firstDeliveries(CONSUMER, ids).flatMap(first -> {
                    Set<String> toApply = new HashSet<>(first); // per attempt: a retried poll starts afresh
                    List<Observed> fresh = signals.stream()
                            .filter(observed -> toApply.remove(observed.signal().signalId())) // twice in a poll: once
                            .toList();
                    return PolledOffers.read(calls, pending, fresh)
                            .flatMap(offers -> PolledCalls.read(calls, fresh)
                                    .flatMap(polled -> Flux.fromIterable(fresh)
                                            .concatMap(observed -> effect(observed.signal(), observed.observation(),
                                                    polled, offers))
                                            .then()))
                            .then(Mono.fromSupplier(() -> signals.size() - first.size()));
                })))
                .doOnNext(duplicates -> batches.record(signals.size()));
    }

    /** Emits false when the signal had been processed before. */
    public Mono<Boolean> apply(IncomingSignal signal, ProviderObservation observation) {
        return numbers.remember(signal.number())
                .then(tx.inTransaction(() -> processed.firstDelivery(CONSUMER, signal.signalId())
                        .flatMap(first -> first ? effect(signal, observation, PolledCalls.none(),
                                PolledOffers.none(calls, pending)).thenReturn(true)
                                : Mono.just(false))));
    }

    private Mono<Void> effect(IncomingSignal signal, ProviderObservation observation, PolledCalls polled,
            PolledOffers offers) {
        if (!signal.number().supportsCalling()) {
            return Mono.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return switch (observation) {
            case ConnectionChanged change ->
                    connections.record(signal.number().numberId(), change.state(), signal.receivedAt());
            case Irrelevant irrelevant -> Mono.empty();
            case CallReports reports -> reportedAll(signal, reports, now, polled, offers);
            case PermissionReplies replies -> Flux.fromIterable(replies.replies())
                    .concatMap(reply -> journal.publish(signal.number().ref(), sequence ->
                            new NumberEvent.PermissionUpdated(sequence, signal.number().ref(), now, reply.peerNumber(),
                                    reply.status(), reply.expiresAt())))
                    .then();
            case Offered offer -> offered(signal, offer, now, offers);
            case AboutCall report -> reported(signal, report, null, now, polled, offers).then();
        };
    }

    /**
     * A provider change naming several items (Meta): each applied in order, the signal parked at most
     * once per unknown call, then the change itself published as the raw event.
     */
    private Mono<Void> reportedAll(IncomingSignal signal, CallReports reports, Instant now, PolledCalls polled,
            PolledOffers offers) {
        Set<String> parkedFor = new HashSet<>();
        return Flux.fromIterable(reports.items())
                .concatMap(item -> switch (item) {
                    case Offered offer -> offered(signal, offer, now, offers);
                    default -> parkedFor.contains(item.externalCallId())
                            ? Mono.<Void>empty()
                            : reported(signal, item, reports.businessInitiatedPeers().get(item.externalCallId()), now,
                                    polled, offers).doOnNext(parked -> {
                                        if (parked) {
                                            parkedFor.add(item.externalCallId());
                                        }
                                    }).then();
                })
                .then(Mono.defer(() -> raw(signal, reports, now)));
    }

    private Mono<Void> raw(IncomingSignal signal, CallReports reports, Instant now) {
        String externalCallId = reports.firstCallId();
        var known = externalCallId == null ? Mono.<Call>empty()
                : calls.findByExternalId(signal.number().numberId(), externalCallId);
        Offered offer = reports.items().stream().filter(Offered.class::isInstance).map(Offered.class::cast)
                .findFirst().orElse(null);
        NumberRef number = signal.number().ref();
        return known.map(call -> (LongFunction<NumberEvent>) sequence -> new NumberEvent.CallsReported(sequence, number,
                        now, reports.rawJson(), call.snapshot(), externalCallId, call.direction(), null))
                .defaultIfEmpty(sequence -> new NumberEvent.CallsReported(sequence, number, now, reports.rawJson(),
                        null, externalCallId, offer != null ? Direction.INBOUND : null,
                        offer != null ? offer.peerNumber() : null))
                .flatMap(numbered -> journal.publish(number, numbered));
    }

    private Mono<Void> offered(IncomingSignal signal, Offered offer, Instant now, PolledOffers offers) {
        String numberId = signal.number().numberId();
        return offers.known(numberId, offer.externalCallId())
                .flatMap(known -> known ? Mono.empty() : Mono.defer(() -> {
                    Call.Opened opened = Call.receiveInbound(Ids.newId("call"), signal.number().ref(),
                            offer.externalCallId(), offer.peerNumber(), offer.peerRef(), offer.sdpOffer(),
                            offer.offeredAt() != null ? offer.offeredAt() : now, now);
                    return offers.claim(numberId, offer.externalCallId()).flatMap(taken -> {
                        List<CallEvent> events = new ArrayList<>(opened.events());
                        events.addAll(parked.apply(opened.call(), taken, now));
                        return journal.recordNew(opened.call(), events);
                    });
                }));
    }

    /**
     * Emits true when the signal was parked (its call is unknown). {@code businessInitiatedPeer}, when the provider
     * said whom a business-initiated call is to, lets a call Ringline gave up placing claim an unknown id.
     */
    private Mono<Boolean> reported(IncomingSignal signal, AboutCall report, String businessInitiatedPeer,
            Instant now, PolledCalls polled, PolledOffers offers) {
        String numberId = signal.number().numberId();
        String externalCallId = report.externalCallId();
        return polled.take(numberId, externalCallId)
                .switchIfEmpty(calls.findByExternalId(numberId, externalCallId))
                // Unknown: decide under the id's lock, so a call taking the id meanwhile sees what we park.
                .switchIfEmpty(calls.lockExternalId(numberId, externalCallId)
                        .then(calls.findByExternalId(numberId, externalCallId)))
                .flatMap(call -> {
                    List<CallEvent> events = CallSignals.apply(call, report, now);
                    // a remote SDP answer changes the row without a transition
                    boolean changed = !events.isEmpty() || report instanceof RemoteAnswer;
                    return (changed ? journal.record(call, events) : Mono.<Void>empty()).thenReturn(false);
                })
                .switchIfEmpty(Mono.defer(() -> businessInitiatedPeer == null ? Mono.<Boolean>empty()
                        : givenUp.claim(signal.number(), externalCallId, businessInitiatedPeer, report, now)
                                .doOnNext(claimed -> offers.given(numberId, externalCallId))
                                .map(claimed -> false)))
                .switchIfEmpty(Mono.defer(() -> parked.park(signal, externalCallId, now)
                        .doOnSuccess(done -> offers.parked(numberId, externalCallId))
                        .thenReturn(true)));
    }
}
