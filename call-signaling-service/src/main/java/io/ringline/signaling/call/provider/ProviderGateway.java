package io.ringline.signaling.call.provider;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ringline.platform.net.BulkheadFullException;
import io.ringline.platform.net.KeyedBulkhead;
import io.ringline.signaling.SignalingProperties;
import io.ringline.signaling.call.CallSnapshot;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.Direction;
import io.ringline.signaling.number.NumberAccount;
import io.ringline.signaling.number.Provider;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The one way the service talks to providers: picks the number's adapter, admits the request through the
 * number's bulkhead ({@code provider-limits}: at most so many running, so many waiting for at most
 * {@code max-wait}, beyond that {@link ProviderBusyException} without any request), bounds it by
 * {@code provider-timeout} (→ {@link ProviderTimeoutException}; a place that timed out keeps listening for the
 * provider's late answer, {@link PlaceTimeoutException}) and times it as
 * {@code ringline.provider.request{provider, action, outcome}} (each call action's successful timer exists from
 * start-up, so latency panels have a series before the first call).
 */
@Component
public class ProviderGateway {

    private static final Logger log = LoggerFactory.getLogger(ProviderGateway.class);

    private final Map<Provider, CallProvider> adapters = new EnumMap<>(Provider.class);
    private final Duration timeout;
    private final Duration lateAnswerWindow;
    private final MeterRegistry meters;
    private final KeyedBulkhead perNumber;
    private final long retryAfterSeconds;

    public ProviderGateway(List<CallProvider> adapters, SignalingProperties props, MeterRegistry meters) {
        adapters.forEach(a -> this.adapters.put(a.kind(), a));
        for (Provider p : Provider.calling()) {
            if (!this.adapters.containsKey(p)) {
                throw new IllegalStateException("no CallProvider for " + p);
            }
        }
        this.timeout = props.providerTimeout();
        this.lateAnswerWindow = props.lateAnswerWindow();
        this.meters = meters;
        SignalingProperties.ProviderLimits limits = props.providerLimits();
        this.perNumber = new KeyedBulkhead(new KeyedBulkhead.Limits(limits.concurrency(), limits.waiting(),
                limits.maxWait()));
        // a slot frees within one provider timeout at the latest
        this.retryAfterSeconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        for (Provider provider : this.adapters.keySet()) {
            for (String action : CALL_ACTIONS) {
                timer(provider, action, "success");
            }
        }
    }

    /** The call actions' names in {@code ringline.provider.request}; number-level requests name their own. */
    private static final List<String> CALL_ACTIONS = List.of("place", "pre_accept", "accept", "reject", "terminate");

    /**
     * Asks the provider to place the call. Past {@code provider-timeout} this fails with a
     * {@link PlaceTimeoutException} but the request goes on for {@code late-answer-window}: a connect that reached
     * the provider may have created the call there, and only the provider's answer names it so it can be hung up.
     * (The number's bulkhead slot is freed at the timeout; the provider connection pool still bounds the requests
     * that outlive it.)
     */
    public Mono<String> place(NumberAccount number, CallSnapshot call) {
        Provider provider = number.provider();
        return admitted(number, "place", () -> timedOutliving(provider, "place",
                () -> adapters.get(provider).place(number, call)));
    }

    public Mono<Void> preAccept(NumberAccount number, CallSnapshot call, String sdp) {
        return request(number, "pre_accept", a -> a.preAccept(number, call, sdp));
    }

    public Mono<Void> accept(NumberAccount number, CallSnapshot call, String sdp) {
        return request(number, "accept", a -> a.accept(number, call, sdp));
    }

    public Mono<Void> reject(NumberAccount number, CallSnapshot call) {
        return request(number, "reject", a -> a.reject(number, call));
    }

    public Mono<Void> terminate(NumberAccount number, CallSnapshot call) {
        return request(number, "terminate", a -> a.terminate(number, call));
    }

    /**
     * Makes sure the provider is not left with a call Ringline gave up on (rejecting an unanswered
     * inbound call, hanging up anything else). Best effort: a failure is logged, nobody waits for it.
     */
    public void releaseQuietly(NumberAccount number, CallSnapshot call) {
        if (call.externalCallId() == null || !number.supportsCalling()) {
            return;
        }
        boolean unansweredInbound = call.direction() == Direction.INBOUND && call.connectedAt() == null;
        (unansweredInbound ? reject(number, call) : terminate(number, call)).subscribe(null,
                e -> log.warn("could not release call {} at {}: {}", call.id(), number.provider(), e.toString()));
    }

    /**
     * A number-level request (settings, permissions, instance status) made by a provider's own client,
     * admitted, bounded and timed like the call actions.
     */
    public <T> Mono<T> numberRequest(NumberAccount number, String action, Supplier<Mono<T>> request) {
        return admitted(number, action, () -> timed(number.provider(), action, request));
    }

    /** Requests of this number running now (for tests and gauges). */
    public int running(String numberId) {
        return perNumber.running(numberId);
    }

    private <T> Mono<T> request(NumberAccount number, String action, Function<CallProvider, Mono<T>> request) {
        Provider provider = number.provider();
        return admitted(number, action, () -> timed(provider, action, () -> request.apply(adapters.get(provider))));
    }

    private <T> Mono<T> admitted(NumberAccount number, String action, Supplier<Mono<T>> request) {
        return perNumber.run(number.numberId(), request)
                .onErrorMap(BulkheadFullException.class, e -> {
                    count(number.provider(), action, "busy");
                    return new ProviderBusyException(CommandError.providerBusy(
                            ProviderFailures.displayName(number.provider()), retryAfterSeconds));
                });
    }

    private <T> Mono<T> timed(Provider provider, String action, Supplier<Mono<T>> request) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(meters);
            return request.get()
                    .timeout(timeout)
                    .onErrorMap(TimeoutException.class, e -> new ProviderTimeoutException(provider, action))
                    .doOnSuccess(v -> stop(sample, provider, action, "success"))
                    .doOnError(e -> stop(sample, provider, action,
                            e instanceof ProviderTimeoutException ? "timeout" : "error"))
                    .doOnCancel(() -> stop(sample, provider, action, "cancelled"));
        });
    }

    /**
     * Like {@link #timed}, but the request is not cancelled at the timeout: it runs detached until it answers or
     * {@code late-answer-window} more has passed, and its outcome is offered in the {@link PlaceTimeoutException}.
     * Cancelling the returned Mono before the timeout still cancels the request.
     */
    private Mono<String> timedOutliving(Provider provider, String action, Supplier<Mono<String>> request) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(meters);
            Sinks.One<String> answer = Sinks.one();
            Disposable running = request.get()
                    .timeout(timeout.plus(lateAnswerWindow))
                    .subscribe(answer::tryEmitValue, answer::tryEmitError, answer::tryEmitEmpty);
            return answer.asMono()
                    .timeout(timeout)
                    .onErrorMap(TimeoutException.class, e -> new PlaceTimeoutException(provider, answer.asMono()))
                    .doOnSuccess(v -> stop(sample, provider, action, "success"))
                    .doOnError(e -> stop(sample, provider, action,
                            e instanceof ProviderTimeoutException ? "timeout" : "error"))
                    .doOnCancel(() -> {
                        running.dispose();
                        stop(sample, provider, action, "cancelled");
                    });
        });
    }

    private void stop(Timer.Sample sample, Provider provider, String action, String outcome) {
        sample.stop(timer(provider, action, outcome));
    }

    /** A request refused before it was sent: recorded with no duration, under outcome {@code busy}. */
    private void count(Provider provider, String action, String outcome) {
        timer(provider, action, outcome).record(Duration.ZERO);
    }

    private Timer timer(Provider provider, String action, String outcome) {
        return Timer.builder("ringline.provider.request")
                .description("Requests to providers, by provider, action and outcome")
                .tag("provider", provider.name())
                .tag("action", action)
                .tag("outcome", outcome)
                .register(meters);
    }
}
