package io.ringline.signaling.call.reconciliation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.platform.lifecycle.Poller;
import io.ringline.platform.lifecycle.Polling;
import io.ringline.signaling.SignalingProperties;
import io.ringline.signaling.call.Direction;
import io.ringline.signaling.call.application.IncomingSignal;
import io.ringline.signaling.call.application.SignalService;
import io.ringline.signaling.call.persistence.PendingSignals;
import io.ringline.signaling.call.provider.ProviderCallState;
import io.ringline.signaling.call.provider.SignalInterpreters;
import io.ringline.signaling.call.provider.evogo.EvoGoCallState;
import io.ringline.signaling.call.provider.evogo.EvoGoOffers;
import io.ringline.signaling.call.provider.meta.MetaOffers;
import io.ringline.signaling.number.NumberAccount;
import io.ringline.signaling.number.NumberReplica;
import io.ringline.signaling.number.Provider;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Calls whose offer was lost are recovered (issue 9): a signal parked for a provider call id no call has (a
 * terminate whose offer the provider sent once, or dropped, and Ringline never got) is claimed once it has waited
 * {@code parked-signal-age} ({@link StaleParkedSignals}), and the offer is rebuilt from whatever can tell, per
 * provider: an EVO_GO number's instance is asked about the call ({@code GET /call/{id}}) and, when it knows it as an
 * incoming call, the offer is rebuilt from GO's answer ({@link EvoGoOffers}); Meta has no call-state API, but the
 * parked {@code terminate} of a user-initiated call names the caller, the number, the direction and the times, so the
 * connect is rebuilt from it ({@link MetaOffers}, no SDP: the call is over). Either is applied through
 * {@link SignalService} exactly as a delivered offer: the call is created {@code RINGING} ({@code call.ringing}) and
 * the parked signals are applied to it in arrival order, so it ends through the normal transition table with the
 * usual events. The rebuilt offer's signal id depends only on the number and the call id, so two instances or two
 * scans rebuilding it apply it once; a real offer arriving late finds the call and changes nothing. What GO does not
 * know, what is not an incoming call, parked Meta signals with no user-initiated terminate, and a number deleted or
 * unknown here are left to {@code parked-signal-retention}, never claimed again; when GO cannot tell (unreachable,
 * not connected, an error) the signal is claimed again after another {@code parked-signal-age}.
 */
@Component
class ParkedSignalReconciler implements Polling {

    private static final Logger log = LoggerFactory.getLogger(ParkedSignalReconciler.class);
    /** GO requests of one scan at once (each also passes the number's provider bulkhead). */
    private static final int CONCURRENCY = 8;

    /** What became of a parked call id (tag {@code verdict} of {@code ringline.signals.parked.reconciled}). */
    enum Verdict {
        /** GO knew the call as incoming: its offer was rebuilt from GO's answer and applied, the parked signals too. */
        OFFER_RECOVERED,
        /**
         * A user's Meta call: its connect was rebuilt from its own parked terminate (no provider was asked) and
         * applied, the parked signals with it — so the call is created and ended at once.
         */
        OFFER_REBUILT_FROM_TERMINATE,
        /** GO does not know the call: left to retention. */
        PROVIDER_UNKNOWN_CALL,
        /** GO knows the call, but not as an incoming one (a business call whose id Ringline never stored). */
        NOT_INCOMING,
        /**
         * No one to ask and nothing to rebuild from: a META number (no call-state API) whose parked signals hold no
         * terminate of a user-initiated call (a business call's, or only statuses), or a number deleted or unknown.
         */
        CANNOT_ASK
    }

    private final StaleParkedSignals stale;
    private final NumberReplica numbers;
    private final EvoGoCallState goCalls;
    private final EvoGoOffers offers;
    private final MetaOffers metaOffers;
    private final PendingSignals pending;
    private final SignalInterpreters interpreters;
    private final SignalService signals;
    private final ReconciliationProperties props;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Poller poller;

    ParkedSignalReconciler(StaleParkedSignals stale, NumberReplica numbers, EvoGoCallState goCalls,
            EvoGoOffers offers, MetaOffers metaOffers, PendingSignals pending, SignalInterpreters interpreters,
            SignalService signals, ReconciliationProperties props, SignalingProperties signaling, MeterRegistry meters,
            Clock clock) {
        if (props.parkedSignalAge().compareTo(signaling.parkedSignalRetention()) >= 0) {
            throw new IllegalArgumentException("ringline.signaling.reconciliation.parked-signal-age ("
                    + props.parkedSignalAge() + ") must be shorter than ringline.signaling.parked-signal-retention ("
                    + signaling.parkedSignalRetention() + "): parked signals would be dropped before they are checked");
        }
        this.stale = stale;
        this.numbers = numbers;
        this.goCalls = goCalls;
        this.offers = offers;
        this.metaOffers = metaOffers;
        this.pending = pending;
        this.interpreters = interpreters;
        this.signals = signals;
        this.props = props;
        this.meters = meters;
        this.clock = clock;
        for (Provider provider : Provider.calling()) {
            for (Verdict verdict : Verdict.values()) {
                reconciled(provider.name(), verdict); // at zero from start-up
            }
        }
        this.poller = ScanSchedule.poller("parked-signal reconciliation scan", props, this::scanOnce);
    }

    @Override
    public Poller poller() {
        return poller;
    }

    /** What one scan did: parked signals claimed, and the call ids among them it had an answer about. */
    record Scan(int claimed, long judged) {
    }

    /** One scan: claims a batch of parked signals past the age and reconciles each call id among them once. */
    Mono<Scan> scanOnce() {
        Instant now = now();
        return stale.claim(now.minus(props.parkedSignalAge()), props.batchSize(), now)
                .collectList()
                .flatMap(claimed -> Flux.fromIterable(new LinkedHashSet<>(claimed))
                        .flatMap(this::reconcile, CONCURRENCY)
                        .count()
                        .map(judged -> new Scan(claimed.size(), judged)));
    }

    /**
     * Emits the verdict once the call id is judged; empty when GO could not tell (asked again later) or the call
     * appeared since the claim (its parked signals were applied with it).
     */
    Mono<Verdict> reconcile(StaleParkedSignals.Claimed parked) {
        return numbers.current(parked.numberId())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(replicated -> {
                    NumberAccount number = replicated.filter(r -> !r.deleted()).map(NumberReplica.Replicated::account)
                            .orElse(null);
                    if (number == null) {
                        return judged(parked, null, Verdict.CANNOT_ASK);
                    }
                    return switch (number.provider()) {
                        case EVO_GO -> goCalls.state(number, parked.externalCallId())
                                .flatMap(state -> fromGo(parked, number, state));
                        case META -> fromMetaTerminate(parked, number);
                        case NONE -> judged(parked, number, Verdict.CANNOT_ASK);
                    };
                })
                .onErrorResume(e -> {
                    log.warn("could not reconcile the signals parked for call {} of {}: {}", parked.externalCallId(),
                            parked.numberId(), e.toString());
                    return Mono.empty();
                });
    }

    private Mono<Verdict> fromGo(StaleParkedSignals.Claimed parked, NumberAccount number, ProviderCallState state) {
        if (!state.known()) {
            return judged(parked, number, Verdict.PROVIDER_UNKNOWN_CALL);
        }
        if (state.direction() != Direction.INBOUND) {
            return judged(parked, number, Verdict.NOT_INCOMING);
        }
        Optional<String> offer = offers.rebuild(parked.externalCallId(), state);
        if (offer.isEmpty()) {
            log.warn("GO of {} knows call {} but names no caller phone: asked again later", number.numberId(),
                    parked.externalCallId());
            return Mono.empty();
        }
        return applyRebuilt(parked, number, EvoGoOffers.KIND, offer.get(), Verdict.OFFER_RECOVERED,
                "GO's answer (" + state.phase() + ")");
    }

    /** Meta cannot be asked: what its parked terminate of a user-initiated call says is the evidence. */
    private Mono<Verdict> fromMetaTerminate(StaleParkedSignals.Claimed parked, NumberAccount number) {
        return pending.read(number.numberId(), parked.externalCallId()).flatMap(signals -> {
            if (signals.isEmpty()) {
                return Mono.<Verdict>empty(); // its call appeared since the claim and took them
            }
            Optional<String> offer = signals.stream()
                    .map(signal -> metaOffers.rebuild(parked.externalCallId(), signal.kind(), signal.payloadJson()))
                    .flatMap(Optional::stream)
                    .findFirst();
            return offer.isEmpty() ? judged(parked, number, Verdict.CANNOT_ASK)
                    : applyRebuilt(parked, number, MetaOffers.KIND, offer.get(), Verdict.OFFER_REBUILT_FROM_TERMINATE,
                            "its parked terminate");
        });
    }

    private Mono<Verdict> applyRebuilt(StaleParkedSignals.Claimed parked, NumberAccount number, String kind,
            String payloadJson, Verdict verdict, String rebuiltFrom) {
        IncomingSignal signal = new IncomingSignal(recoveredOfferId(number.numberId(), parked.externalCallId()),
                number, kind, payloadJson, now());
        // the same reading and the same path as a delivered offer: the call is created and the parked signals
        // (held under the call id's lock) are applied to it in the offer's transaction
        return signals.apply(signal, interpreters.interpret(signal.kind(), signal.payloadJson()))
                .map(first -> {
                    if (first) {
                        reconciled(number.provider().name(), verdict).increment();
                        log.info("call {} of {}: its lost offer was rebuilt from {} and applied",
                                parked.externalCallId(), number.numberId(), rebuiltFrom);
                    }
                    return verdict;
                });
    }

    private Mono<Verdict> judged(StaleParkedSignals.Claimed parked, NumberAccount number, Verdict verdict) {
        return stale.judged(parked).then(Mono.fromSupplier(() -> {
            reconciled(number == null || !number.supportsCalling() ? "UNKNOWN" : number.provider().name(), verdict)
                    .increment();
            log.info("signals parked for call {} of {} left to retention: {}", parked.externalCallId(),
                    parked.numberId(), verdict);
            return verdict;
        }));
    }

    /**
     * The rebuilt offer's signal id: the same for every instance and every scan that rebuilds it, so it is applied
     * once (the consumer's processed ids), whatever GO answered each time.
     */
    static String recoveredOfferId(String numberId, String externalCallId) {
        return "recovered-offer|" + numberId + "|" + externalCallId;
    }

    private Counter reconciled(String provider, Verdict verdict) {
        return Counter.builder("ringline.signals.parked.reconciled")
                .description("Provider call ids with parked signals and no call, reconciled: offer rebuilt (from GO's "
                        + "answer or Meta's parked terminate), or left to retention and why")
                .tag("provider", provider)
                .tag("verdict", verdict.name().toLowerCase(Locale.ROOT))
                .register(meters);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
