package io.ringline.signaling.call.application;

import io.ringline.signaling.SignalingProperties;
import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.call.provider.ProviderGateway;
import io.ringline.signaling.call.provider.ProviderObservation.AboutCall;
import io.ringline.signaling.number.NumberAccount;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Business-initiated calls Ringline gave up placing before the provider named them (its answer never came:
 * the connection broke, or this service stopped) that the provider created all the same. Their webhooks name an
 * id no call has, for the user Ringline called: the number's newest such call to that user takes the id, stays as
 * it ended, and the provider is told to hang up — so no call is left ringing that nobody can cancel. Never while a
 * place to that user is still waiting for its answer (the id is more likely that one's; its signals are parked).
 */
@Component
class GivenUpPlacements {

    private static final Logger log = LoggerFactory.getLogger(GivenUpPlacements.class);

    private final CallRepository calls;
    private final CallJournal journal;
    private final ProviderGateway providers;
    /** How long after a place a provider may still report the call it created: every wait Ringline allows it. */
    private final Duration window;

    GivenUpPlacements(CallRepository calls, CallJournal journal,
            ProviderGateway providers, SignalingProperties props) {
        this.calls = calls;
        this.journal = journal;
        this.providers = providers;
        this.window = props.providerTimeout().plus(props.lateAnswerWindow()).plus(props.initiatedGrace())
                .plus(props.ringTimeout());
    }

    /**
     * Under the id's lock ({@code CallRepository.lockExternalId}), with no call holding the id: gives it to the call
     * given up on, applies {@code report} (an ended call ignores it) and hangs the call up at the provider. Emits the
     * call, or nothing when no call fits.
     */
    Mono<Call> claim(NumberAccount number, String externalCallId, String peerNumber, AboutCall report, Instant now) {
        return calls.unnamedTo(number.numberId(), peerNumber, now.minus(window))
                .collectList()
                .flatMap(recent -> {
                    if (recent.isEmpty() || recent.stream().anyMatch(call -> !call.status().isTerminal())) {
                        return Mono.empty();
                    }
                    Call call = recent.getFirst();
                    if (!call.gaveUpBeforeProviderNamedIt()) {
                        return Mono.empty();
                    }
                    call.noteProviderAccepted(externalCallId, now);
                    return journal.record(call, CallSignals.apply(call, report, now))
                            .then(afterCommit(() -> {
                                log.info("call {}: {} named it {} after Ringline gave up; hanging it up there",
                                        call.id(), number.provider(), externalCallId);
                                providers.releaseQuietly(number, call.snapshot());
                            }))
                            .thenReturn(call);
                });
    }

    /** Only once the id is stored: a retried transaction would otherwise ask the provider twice. */
    private static Mono<Void> afterCommit(Runnable release) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(tx -> tx.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(release);
                    }
                }))
                .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(release).then(Mono.empty()))
                .then();
    }
}
