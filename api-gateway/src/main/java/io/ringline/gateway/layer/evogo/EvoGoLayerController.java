package io.ringline.gateway.layer.evogo;

import io.ringline.gateway.calls.TenantCallAction;
import io.ringline.gateway.calls.CallMedia;
import io.ringline.gateway.calls.CallsService;
import io.ringline.gateway.calls.signaling.CallListQuery;
import io.ringline.gateway.calls.signaling.SignalingClient;
import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.Caller;
import io.ringline.gateway.upstream.UpstreamResponse;
import io.ringline.gateway.web.BoundedBody;
import io.ringline.gateway.web.JsonBodyReader;
import io.ringline.gateway.web.JsonFields;
import io.ringline.gateway.web.Validation;
import io.ringline.platform.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Evolution GO compatibility layer (SPEC §6.4): GO's call routes, answered in GO's shapes, carried out as
 * the same commands and queries as {@code /v1/calls} for the number whose instance token authenticated the
 * request — so layer calls appear in {@code /v1/calls}, fire webhooks and obey the same state machine.
 * {@code callId} is the GO CallID (a Ringline {@code call_…} id is understood too). Errors: {@code {error}}.
 */
@RestController
@RequestMapping("/api/layer/evolution-go/call")
class EvoGoLayerController {

    record Started(String callId, String state) {
    }

    record Message(String message) {
    }

    record GoCalls(List<GoCallView> data) {
    }

    record GoError(String error) {
    }

    /** GO lists an instance's calls without paging; the newest this many are shown. */
    static final int LIST_LIMIT = 100;

    private final CallsService calls;
    private final SignalingClient signaling;
    private final JsonBodyReader bodies;
    private final JsonMapper json;
    private final CallMedia media;

    EvoGoLayerController(CallsService calls, SignalingClient signaling, JsonBodyReader bodies, JsonMapper json,
            CallMedia media) {
        this.media = media;
        this.calls = calls;
        this.signaling = signaling;
        this.bodies = bodies;
        this.json = json;
    }

    @PostMapping("/start")
    Mono<ResponseEntity<Object>> start(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, ServerWebExchange exchange) {
        return go(() -> number(caller).flatMap(number -> bodies.readRequired(exchange.getRequest())
                .map(body -> new TenantCallAction.Place(to(body.onlyFields("number")), null, null))
                .flatMap(place -> calls.place(number, place))
                .map(ok -> ResponseEntity.status(HttpStatus.CREATED).<Object>body(
                        new Started(ok.externalCallId() != null ? ok.externalCallId() : ok.callId(), "ringing")))));
    }

    @PostMapping("/answer")
    Mono<ResponseEntity<Object>> answer(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, ServerWebExchange exchange) {
        return act(caller, exchange, List.of("callId"), body -> new TenantCallAction.Accept(null));
    }

    /** GO wants {@code callCreator} (the caller's JID) to reject; Ringline knows it from the call, so it is optional. */
    @PostMapping("/reject")
    Mono<ResponseEntity<Object>> reject(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, ServerWebExchange exchange) {
        return act(caller, exchange, List.of("callId", "callCreator"), body -> {
            body.optionalString("callCreator");
            return new TenantCallAction.Reject();
        });
    }

    @PostMapping("/hangup")
    Mono<ResponseEntity<Object>> hangup(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, ServerWebExchange exchange) {
        return act(caller, exchange, List.of("callId"), body -> new TenantCallAction.Terminate());
    }

    @GetMapping("/list")
    Mono<ResponseEntity<Object>> list(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return go(() -> number(caller)
                .flatMap(number -> signaling.listCalls(number.id(), new CallListQuery(LIST_LIMIT, null, null, null)))
                .map(response -> {
                    List<GoCallView> data = new ArrayList<>();
                    for (JsonNode call : success(response).path("calls")) {
                        data.add(GoCallView.of(call));
                    }
                    return ResponseEntity.ok(new GoCalls(data));
                }));
    }

    @GetMapping("/{callId}")
    Mono<ResponseEntity<Object>> get(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String callId) {
        return go(() -> number(caller)
                .flatMap(number -> calls.lookup(number, callId, false))
                .map(response -> ResponseEntity.ok(GoCallView.of(success(response)))));
    }

    /**
     * GO's upload: the body is the audio ({@code audio/mpeg|wav|ogg}), the call is {@code ?callId=}. The size cap
     * ({@link CallMedia#MAX_UPLOAD_BYTES}) is enforced while reading, before the number or the call is looked up.
     */
    @PostMapping("/media/play")
    Mono<ResponseEntity<Object>> play(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @RequestParam(required = false) String callId,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            ServerWebExchange exchange) {
        return go(() -> {
            if (callId == null || callId.isBlank()) {
                throw ApiException.invalid("callId", "is required");
            }
            return BoundedBody.read(exchange.getRequest(), CallMedia.MAX_UPLOAD_BYTES)
                    .flatMap(audio -> {
                        if (audio.length == 0) {
                            throw ApiException.invalid("body", "the audio is required");
                        }
                        return number(caller).flatMap(number -> media.playUpload(number, callId, audio, contentType));
                    })
                    .map(played -> ResponseEntity.ok((Object) new Message("queued")));
        });
    }

    /** {@code {callId, mode?}} → Ringline's single-use session {@code {wsUrl, token, expiresInSeconds}} (GO's shape). */
    @PostMapping("/media/realtime/session")
    Mono<ResponseEntity<Object>> realtimeSession(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            ServerWebExchange exchange) {
        return go(() -> number(caller).flatMap(number -> bodies.readRequired(exchange.getRequest())
                .flatMap(body -> {
                    body.onlyFields("callId", "mode");
                    String callId = body.requiredText("callId", 250);
                    String mode = body.optionalString("mode");
                    if (mode != null && !mode.equals("talk") && !mode.equals("listen")) {
                        throw ApiException.invalid("mode", "must be \"talk\" or \"listen\"");
                    }
                    // GO clients speak GO's protocol: PCM16 16 kHz binary, on GO's own realtime path.
                    return media.realtimeSession(number, callId, new CallMedia.SessionOptions(
                            mode == null ? "talk" : mode, "pcm16_16k", "binary", "buffered"), CallMedia.GO_DIALECT);
                })
                .map(response -> ResponseEntity.ok((Object) success(response)))));
    }

    private Mono<ResponseEntity<Object>> act(Caller caller, ServerWebExchange exchange, List<String> fields,
            Function<JsonFields, TenantCallAction> action) {
        return go(() -> number(caller).flatMap(number -> bodies.readRequired(exchange.getRequest())
                .flatMap(body -> {
                    body.onlyFields(fields);
                    String callId = body.requiredText("callId", 250);
                    return calls.act(number, callId, action.apply(body));
                })
                .map(ok -> ResponseEntity.ok(new Message("success")))));
    }

    private Mono<BusinessNumber> number(Caller caller) {
        return calls.numberOf(caller);
    }

    /** GO takes the number as digits; a leading '+' is tolerated. */
    private static String to(JsonFields body) {
        String number = body.requiredText("number", 32);
        String digits = number.startsWith("+") ? number.substring(1) : number;
        return Validation.e164("number", "+" + digits);
    }

    private JsonNode success(UpstreamResponse response) {
        if (!response.isSuccess()) {
            throw response.asError(json);
        }
        JsonNode body = response.parse(json);
        if (body == null) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "UPSTREAM_ERROR", "An internal service failed; try again");
        }
        return body;
    }

    /** Runs the handler; its ApiExceptions are answered in GO's error shape, same status ({@link GoLayerErrors}). */
    private static Mono<ResponseEntity<Object>> go(Supplier<Mono<ResponseEntity<Object>>> handler) {
        return Mono.defer(handler).onErrorMap(ApiException.class, GoLayerErrors.GoLayerException::new);
    }
}
