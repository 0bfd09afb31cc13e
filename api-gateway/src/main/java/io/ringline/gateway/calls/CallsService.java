package io.ringline.gateway.calls;

import io.ringline.gateway.calls.signaling.CallNotFound;
import io.ringline.gateway.calls.signaling.SignalingClient;
import io.ringline.gateway.idempotency.IdempotentOperation;
import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.Caller;
import io.ringline.gateway.tenancy.UnsupportedProvider;
import io.ringline.gateway.upstream.RetryAfter;
import io.ringline.gateway.upstream.UpstreamResponse;
import io.ringline.platform.ids.Ids;
import io.ringline.platform.web.ApiException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Turns validated call requests into commands and their replies into results. Everything that can be
 * refused without the provider is refused before a command exists, so an error never leaves a call behind.
 */
@Service
public class CallsService {

    private static final Logger log = LoggerFactory.getLogger(CallsService.class);

    private final CallableNumbers numbers;
    private final SignalingClient signaling;
    private final CommandBus bus;

    CallsService(CallableNumbers numbers, SignalingClient signaling, CommandBus bus) {
        this.numbers = numbers;
        this.signaling = signaling;
        this.bus = bus;
    }

    /**
     * The number a number-scoped key is bound to, if Ringline can call through it: a number of a provider
     * kind this version does not serve answers {@code 400 FEATURE_NOT_SUPPORTED} on every calls endpoint.
     */
    public Mono<BusinessNumber> numberOf(Caller caller) {
        // The key lookup already excluded deleted numbers; a number deleted since is treated like a bad key.
        return numbers.find(caller.tenantId(), caller.numberId())
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
                        "Invalid API key")))
                .handle((number, sink) -> {
                    if (number.provider().isCallable()) {
                        sink.next(number);
                    } else {
                        sink.error(UnsupportedProvider.error());
                    }
                });
    }

    /** Places a business-initiated call; emits the call once the provider accepted it. */
    public Mono<RequestOutcome.Succeeded> place(BusinessNumber number, TenantCallAction.Place place) {
        return IdempotentOperation.current().flatMap(operation -> {
            CommandRequest command = new CommandRequest(idOf(operation, "cmd"), idOf(operation, "call"), number, place);
            return bus.send(command).flatMap(outcome -> switch (outcome) {
                case RequestOutcome.Succeeded ok -> Mono.just(ok);
                case RequestOutcome.Failed failed -> Mono.error(toApiException(failed));
                case RequestOutcome.TimedOut ignored -> hangUpLatePlacement(command).then(Mono.error(placementTimeout()));
            });
        });
    }

    /** The call as the signaling service shows it; 404 for a reference that cannot name a call. */
    public Mono<UpstreamResponse> lookup(BusinessNumber number, String callRef, boolean includeSdp) {
        if (!CallRefs.isPlausible(number.provider(), callRef)) {
            return Mono.error(CallNotFound.exception());
        }
        return signaling.getCall(number.id(), callRef, includeSdp);
    }

    /**
     * Applies an action to an existing call, named by Ringline's or the provider's id. The command carries the
     * reference as given: the signaling service resolves it and answers {@code 404 CALL_NOT_FOUND} (or the
     * state error) in its reply, so no lookup precedes the command.
     */
    public Mono<RequestOutcome.Succeeded> act(BusinessNumber number, String callRef, TenantCallAction action) {
        if (!CallRefs.isPlausible(number.provider(), callRef)) {
            return Mono.error(CallNotFound.exception());
        }
        return IdempotentOperation.current()
                .flatMap(operation -> bus.send(new CommandRequest(idOf(operation, "cmd"), callRef, number, action)))
                .flatMap(outcome -> switch (outcome) {
                    case RequestOutcome.Succeeded ok -> Mono.just(ok);
                    case RequestOutcome.Failed failed -> Mono.error(toApiException(failed));
                    case RequestOutcome.TimedOut ignored -> Mono.error(actionTimeout());
                });
    }

    /**
     * With an Idempotency-Key, the request's operation names the command (and a placement's call): a retry after
     * a lost reply sends the very command the first attempt may have sent, and the signaling service answers it
     * from what it stored (docs/reliability.md "Commands"). Without one, fresh ids.
     */
    private static String idOf(Optional<String> operation, String prefix) {
        return operation.map(id -> IdempotentOperation.derive(id, prefix)).orElseGet(() -> Ids.newId(prefix));
    }

    /**
     * The caller got 504 and believes no call exists. Should the signaling service still place it later,
     * this terminate (same key, so same partition, so processed after the placement) hangs it up.
     */
    private Mono<Void> hangUpLatePlacement(CommandRequest placement) {
        return bus.sendWithoutReply(CommandRequest.of(placement.callId(), placement.number(), new TenantCallAction.Terminate()))
                .onErrorResume(e -> {
                    log.warn("could not send the compensating terminate for {}: {}", placement.callId(), e.toString());
                    return Mono.empty();
                });
    }

    static ApiException toApiException(RequestOutcome.Failed failed) {
        HttpStatus status = HttpStatus.resolve(failed.httpStatus());
        if (status == null || !status.isError()) {
            log.warn("command reply carried HTTP status {} ({}); answering 502", failed.httpStatus(), failed.code());
            status = HttpStatus.BAD_GATEWAY;
        }
        return new ApiException(status, failed.code(), failed.message(), failed.details(),
                RetryAfter.headers(failed.details()));
    }

    /*
     * No reply within command-timeout. The signaling service starts no command so late that it could not finish
     * before this (ringline.signaling.command-deadline), so a command it had not started is never carried out;
     * one already under way has finished or is ending. The answers say exactly that (docs/reliability.md "Commands").
     */
    private static ApiException placementTimeout() {
        return new ApiException(HttpStatus.GATEWAY_TIMEOUT, "PROVIDER_TIMEOUT",
                "Ringline's call service did not answer in time; the call was not placed, or is hung up at once "
                        + "if it was");
    }

    private static ApiException actionTimeout() {
        return new ApiException(HttpStatus.GATEWAY_TIMEOUT, "PROVIDER_TIMEOUT",
                "Ringline's call service did not answer in time; the command will not be carried out later, so the "
                        + "call is unchanged unless it was already under way (GET /v1/calls/{callId} shows it)");
    }
}
