package io.ringline.gateway.calls.web;

import io.ringline.gateway.calls.TenantCallAction;
import io.ringline.gateway.calls.CallMedia;
import io.ringline.gateway.calls.CallsService;
import io.ringline.gateway.calls.Capability;
import io.ringline.gateway.calls.ProviderCapabilities;
import io.ringline.gateway.calls.signaling.SignalingClient;
import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.Caller;
import io.ringline.gateway.upstream.UpstreamResponse;
import io.ringline.gateway.web.JsonBodyReader;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The public calls API (number-scoped keys only; the number is the key's). Literal routes
 * ({@code /settings}, {@code /permissions…}) win over {@code /{callId}} by Spring's path specificity.
 */
@RestController
@RequestMapping("/v1/calls")
class CallsController {

    record PlacedCall(String id, String externalCallId, String status) {
    }

    record ActionResult(boolean success, String id, String status) {
    }

    /** {@code POST …/play}: the call, and the id of the play queued ({@code DELETE …/play/{playId}} stops it). */
    record PlayResult(boolean success, String id, String status, String playId) {
    }

    record PlayStopped(boolean success, String playId) {
    }

    private final CallsService calls;
    private final SignalingClient signaling;
    private final JsonBodyReader bodies;
    private final JsonMapper json;
    private final Clock clock;
    private final CallMedia media;

    CallsController(CallsService calls, SignalingClient signaling, JsonBodyReader bodies, JsonMapper json,
            Clock clock, CallMedia media) {
        this.clock = clock;
        this.media = media;
        this.calls = calls;
        this.signaling = signaling;
        this.bodies = bodies;
        this.json = json;
    }

    @PostMapping
    Mono<ResponseEntity<PlacedCall>> place(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            ServerWebExchange exchange) {
        return calls.numberOf(caller).flatMap(number -> {
            ProviderCapabilities.require(number.provider(), Capability.PLACE);
            return bodies.read(exchange.getRequest())
                    .map(body -> CallRequests.place(body, number.provider()))
                    .flatMap(place -> calls.place(number, place));
        }).map(ok -> ResponseEntity.status(HttpStatus.CREATED)
                .body(new PlacedCall(ok.callId(), ok.externalCallId(), ok.status())));
    }

    @GetMapping
    Mono<ResponseEntity<byte[]>> list(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, ServerWebExchange exchange) {
        var query = CallQueryParams.list(exchange.getRequest().getQueryParams());
        return calls.numberOf(caller)
                .flatMap(number -> signaling.listCalls(number.id(), query))
                .map(response -> response.relay(json));
    }

    @GetMapping("/settings")
    Mono<ResponseEntity<byte[]>> getSettings(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return numberOperation(caller, Capability.SETTINGS,
                signaling::readSettings);
    }

    /** Partial; {@code call_hours} replaces the stored object as a whole (Meta's semantics). */
    @PutMapping("/settings")
    Mono<ResponseEntity<byte[]>> putSettings(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            ServerWebExchange exchange) {
        return numberOperation(caller, Capability.SETTINGS, number -> bodies.read(exchange.getRequest())
                .map(body -> CallSettingsRequests.validate(body, LocalDate.now(clock)))
                .flatMap(calling -> signaling.updateSettings(number, calling)));
    }

    @GetMapping("/permissions")
    Mono<ResponseEntity<byte[]>> getPermissions(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            ServerWebExchange exchange) {
        return numberOperation(caller, Capability.PERMISSIONS, number -> {
            String to = CallQueryParams.permissionTo(exchange.getRequest().getQueryParams());
            return signaling.readPermission(number, to);
        });
    }

    @PostMapping("/permissions/request")
    Mono<ResponseEntity<byte[]>> requestPermission(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            ServerWebExchange exchange) {
        return numberOperation(caller, Capability.PERMISSIONS, number -> bodies.read(exchange.getRequest())
                .map(CallRequests::permissionRequest)
                .flatMap(request -> signaling.requestPermission(number, request.to(), request.text())));
    }

    @GetMapping("/{callId}")
    Mono<ResponseEntity<byte[]>> get(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String callId,
            ServerWebExchange exchange) {
        boolean includeSdp = CallQueryParams.includeSdp(exchange.getRequest().getQueryParams());
        return calls.numberOf(caller)
                .flatMap(number -> calls.lookup(number, callId, includeSdp))
                .map(response -> response.relay(json));
    }

    @PostMapping("/{callId}/pre-accept")
    Mono<ActionResult> preAccept(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String callId,
            ServerWebExchange exchange) {
        return act(caller, callId, exchange, Capability.PRE_ACCEPT, CallRequests::preAccept);
    }

    @PostMapping("/{callId}/accept")
    Mono<ActionResult> accept(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String callId,
            ServerWebExchange exchange) {
        return act(caller, callId, exchange, Capability.ACCEPT, CallRequests::accept);
    }

    @PostMapping("/{callId}/reject")
    Mono<ActionResult> reject(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String callId,
            ServerWebExchange exchange) {
        return act(caller, callId, exchange, Capability.REJECT, (body, provider) -> {
            CallRequests.noBody(body);
            return new TenantCallAction.Reject();
        });
    }

    @PostMapping("/{callId}/terminate")
    Mono<ActionResult> terminate(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String callId,
            ServerWebExchange exchange) {
        return act(caller, callId, exchange, Capability.TERMINATE, (body, provider) -> {
            CallRequests.noBody(body);
            return new TenantCallAction.Terminate();
        });
    }

    /**
     * EVO_GO: queues an audio file on the connected call's plays (media-bridge-service downloads it and recognises
     * it by its bytes); its end is the {@code call.play_finished} webhook.
     */
    @PostMapping("/{callId}/play")
    Mono<PlayResult> play(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String callId,
            ServerWebExchange exchange) {
        return calls.numberOf(caller).flatMap(number -> {
            ProviderCapabilities.require(number.provider(), Capability.PLAY);
            return bodies.read(exchange.getRequest())
                    .map(MediaRequests::play)
                    .flatMap(mediaUrl -> media.play(number, callId, mediaUrl));
        }).map(queued -> new PlayResult(true, queued.call().id(), queued.call().status(), queued.playId()));
    }

    /** EVO_GO: stops the play if it is playing, unqueues it if it waits. */
    @DeleteMapping("/{callId}/play/{playId}")
    Mono<PlayStopped> stopPlay(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String callId,
            @PathVariable String playId) {
        return calls.numberOf(caller).flatMap(number -> {
            ProviderCapabilities.require(number.provider(), Capability.PLAY);
            if (!MediaRequests.isPlayId(playId)) {
                throw MediaRequests.playNotFound();
            }
            return media.stopPlay(number, callId, playId);
        }).map(call -> new PlayStopped(true, playId));
    }

    /** EVO_GO: a single-use PCM16 WebSocket session on the media host ({@code {wsUrl, token, expiresInSeconds}}). */
    @PostMapping("/{callId}/realtime-session")
    Mono<ResponseEntity<byte[]>> realtimeSession(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @PathVariable String callId, ServerWebExchange exchange) {
        return calls.numberOf(caller).flatMap(number -> {
            ProviderCapabilities.require(number.provider(), Capability.REALTIME_SESSION);
            return bodies.read(exchange.getRequest())
                    .map(MediaRequests::realtimeSession)
                    .flatMap(options -> media.realtimeSession(number, callId, options, null));
        }).map(response -> response.relay(json));
    }

    /** Order matters: provider capability, then the body, then the call; the command only when all passed. */
    private Mono<ActionResult> act(Caller caller, String callRef, ServerWebExchange exchange, Capability capability,
            BiFunction<Optional<ObjectNode>, io.ringline.gateway.tenancy.ProviderKind, TenantCallAction> parse) {
        return calls.numberOf(caller).flatMap(number -> {
            ProviderCapabilities.require(number.provider(), capability);
            return bodies.read(exchange.getRequest())
                    .map(body -> parse.apply(body, number.provider()))
                    .flatMap(action -> calls.act(number, callRef, action));
        }).map(ok -> new ActionResult(true, ok.callId(), ok.status()));
    }

    /** Capability first, then the request, then the signaling service; its answer (or error) is relayed as is. */
    private Mono<ResponseEntity<byte[]>> numberOperation(Caller caller, Capability capability,
            Function<BusinessNumber, Mono<UpstreamResponse>> operation) {
        return calls.numberOf(caller).flatMap(number -> {
            ProviderCapabilities.require(number.provider(), capability);
            return operation.apply(number);
        }).map(response -> response.relay(json));
    }
}
