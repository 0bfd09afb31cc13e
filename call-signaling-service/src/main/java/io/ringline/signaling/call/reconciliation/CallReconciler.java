package io.ringline.signaling.call.reconciliation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.platform.lifecycle.Poller;
import io.ringline.platform.lifecycle.Polling;
import io.ringline.platform.persistence.Transactions;
import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CallStatus;
import io.ringline.signaling.call.Trigger;
import io.ringline.signaling.call.application.CallJournal;
import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.call.provider.ProviderCallState;
import io.ringline.signaling.call.provider.ProviderGateway;
import io.ringline.signaling.call.provider.evogo.EvoGoCallState;
import io.ringline.signaling.number.NumberAccount;
import io.ringline.signaling.number.NumberReplica;
import io.ringline.signaling.number.Provider;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Calls never hang on a lost signal (issue 9): every {@code scan-interval} the calls in progress whose last word
 * is older than {@code max-signal-age} are claimed ({@link StaleCalls}); an EVO_GO call is looked up at its GO
 * instance ({@code GET /call/{id}}) and settled when GO says it is over or does not know it; any call the provider
 * cannot tell about is settled once its silence passes {@code give-up-after}. Settling goes through the call's
 * transition table ({@link Trigger#RECONCILED}, end reason {@code SIGNAL_LOST}) and the journal, so its
 * {@code call.ended}/{@code call.missed} leaves through the outbox like any other. A real signal that lands first
 * wins: the call is settled only at the version it was claimed at.
 */
@Component
class CallReconciler implements Polling {

    private static final Logger log = LoggerFactory.getLogger(CallReconciler.class);
    /** GO requests of one scan at once (each also passes the number's provider bulkhead). */
    private static final int CONCURRENCY = 8;

    /** Why a call was settled (tag {@code verdict} of {@code ringline.calls.reconciled}). */
    enum Verdict {
        /** The provider, asked, said the call was over. */
        PROVIDER_ENDED,
        /** The provider, asked, did not know the call. */
        PROVIDER_UNKNOWN_CALL,
        /** The provider could not tell and the call was silent past give-up-after. */
        TIMED_OUT
    }

    private final StaleCalls stale;
    private final CallRepository calls;
    private final CallJournal journal;
    private final Transactions tx;
    private final NumberReplica numbers;
    private final EvoGoCallState goCalls;
    private final ProviderGateway providers;
    private final ReconciliationProperties props;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Poller poller;

    CallReconciler(StaleCalls stale, CallRepository calls, CallJournal journal, Transactions tx, NumberReplica numbers,
            EvoGoCallState goCalls, ProviderGateway providers, ReconciliationProperties props, MeterRegistry meters,
            Clock clock) {
        this.stale = stale;
        this.calls = calls;
        this.journal = journal;
        this.tx = tx;
        this.numbers = numbers;
        this.goCalls = goCalls;
        this.providers = providers;
        this.props = props;
        this.meters = meters;
        this.clock = clock;
        for (Provider provider : Provider.calling()) {
            for (Verdict verdict : Verdict.values()) {
                reconciled(provider, verdict); // at zero from start-up
            }
        }
        this.poller = ScanSchedule.poller("call reconciliation scan", props, this::scanOnce);
    }

    @Override
    public Poller poller() {
        return poller;
    }

    /** What one scan did: calls claimed (their provider asked or their age checked) and calls settled. */
    record Scan(int claimed, long settled) {
    }

    /** One scan: claims a batch per status in progress and settles what must be. */
    Mono<Scan> scanOnce() {
        Instant now = now();
        return Flux.fromIterable(props.maxSignalAge().entrySet())
                .concatMap(age -> stale.claim(age.getKey(), now.minus(age.getValue()), props.batchSize(), now)
                        .map(claimed -> Map.entry(age.getKey(), claimed)))
                .collectList()
                .flatMap(claimed -> Flux.fromIterable(claimed)
                        .flatMap(one -> reconcile(one.getKey(), one.getValue(), now), CONCURRENCY)
                        .count()
                        .map(settled -> new Scan(claimed.size(), settled)));
    }

    /** How a call is settled: why, and the provider's duration of it when it gave one. */
    private record Settlement(Verdict verdict, Integer durationSeconds) {
    }

    /** Emits a value only when the call was settled. */
    private Mono<Verdict> reconcile(CallStatus status, StaleCalls.Claimed claimed, Instant now) {
        // measured from the last change, not the last check: checks come every max-signal-age and would reset it
        boolean givenUp = !claimed.lastChange().isAfter(now.minus(props.giveUpAfter().get(status)));
        return calls.findById(claimed.id())
                .filter(call -> call.snapshot().version() == claimed.version())
                .flatMap(call -> numbers.find(call.number().numberId())
                        .flatMap(number -> settlement(call, number, givenUp)
                                .flatMap(settlement -> settle(claimed, settlement, number))))
                .onErrorResume(e -> {
                    log.warn("could not reconcile call {}: {}", claimed.id(), e.toString());
                    return Mono.empty();
                });
    }

    /** The provider's word where it has one, else a timeout once the silence is long enough; empty: leave it. */
    private Mono<Settlement> settlement(Call call, NumberAccount number, boolean givenUp) {
        Mono<Settlement> timeout = givenUp ? Mono.just(new Settlement(Verdict.TIMED_OUT, null)) : Mono.empty();
        if (number.provider() != Provider.EVO_GO || call.externalCallId() == null || !number.supportsCalling()) {
            return timeout;
        }
        return goCalls.state(number, call.externalCallId())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(answer -> answer.map(CallReconciler::fromProvider).orElse(timeout));
    }

    private static Mono<Settlement> fromProvider(ProviderCallState state) {
        return switch (state.phase()) {
            case ENDED -> Mono.just(new Settlement(Verdict.PROVIDER_ENDED, state.durationSeconds()));
            case UNKNOWN_CALL -> Mono.just(new Settlement(Verdict.PROVIDER_UNKNOWN_CALL, null));
            // still up at GO: alive, whatever Ringline missed; asked again once silent for max-signal-age
            case RINGING, ACTIVE -> Mono.empty();
        };
    }

    private Mono<Verdict> settle(StaleCalls.Claimed claimed, Settlement settlement, NumberAccount number) {
        return tx.inTransaction(() -> calls.findById(claimed.id())
                        // a signal (or command) applied since the claim wins: the call is no longer silent
                        .filter(call -> call.snapshot().version() == claimed.version()
                                && call.permits(Trigger.RECONCILED))
                        .flatMap(call -> journal.record(call, call.reconcile(settlement.durationSeconds(), now()))
                                .thenReturn(call)))
                .map(call -> {
                    reconciled(number.provider(), settlement.verdict()).increment();
                    log.info("call {} ({} {}) settled by reconciliation: {} -> {}", call.id(), number.provider(),
                            call.externalCallId(), settlement.verdict(), call.status());
                    if (settlement.verdict() == Verdict.TIMED_OUT) {
                        // whatever the provider still holds of it is let go, as after a ring timeout
                        providers.releaseQuietly(number, call.snapshot());
                    }
                    return settlement.verdict();
                });
    }

    private Counter reconciled(Provider provider, Verdict verdict) {
        return Counter.builder("ringline.calls.reconciled")
                .description("Calls settled by reconciliation after their provider went silent")
                .tag("provider", provider.name())
                .tag("verdict", verdict.name().toLowerCase(java.util.Locale.ROOT))
                .register(meters);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
