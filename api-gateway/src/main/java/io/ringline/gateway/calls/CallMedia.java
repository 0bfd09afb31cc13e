package io.ringline.gateway.calls;

import io.ringline.gateway.calls.signaling.CallNotFound;
import io.ringline.gateway.calls.signaling.SignalingClient;
import io.ringline.gateway.config.UpstreamProperties;
import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.messaging.NumberContextMapper;
import io.ringline.gateway.upstream.InternalApiClient;
import io.ringline.gateway.upstream.UpstreamResponse;
import io.ringline.platform.internalapi.PlayRequest;
import io.ringline.platform.internalapi.PlayResponse;
import io.ringline.platform.internalapi.RealtimeSessionRequest;
import io.ringline.platform.web.ApiException;
import java.time.Duration;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * EVO_GO audio ({@code /play}, realtime sessions): the call must be this number's and {@code ACCEPTED}
 * (asked of the signaling service), then media-bridge-service does the work (docs/internal-apis.md).
 */
@Service
public class CallMedia {

    /** Largest audio upload accepted (the media bridge applies its own cap too). */
    public static final int MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

    /** The call as the media routes need it. */
    public record LiveCall(String id, String externalCallId, String status) {
    }

    /** A play queued into a call: the call, and the play's id (for {@code DELETE …/play/{playId}}). */
    public record QueuedPlay(LiveCall call, String playId) {
    }

    /** What a realtime session speaks (wire values, already validated): mode, audio format, framing, playout. */
    public record SessionOptions(String mode, String format, String framing, String playout) {
    }

    /** Realtime sessions opened through the GO compatibility layer speak GO's own protocol on GO's path. */
    public static final String GO_DIALECT = "evolution_go";

    private final SignalingClient signaling;
    private final InternalApiClient media;
    private final JsonMapper json;
    /** Raw audio bodies, which {@link InternalApiClient} (JSON only) does not send. */
    private final WebClient uploads;
    private final Duration uploadTimeout;

    public CallMedia(SignalingClient signaling, @Qualifier("mediaApi") InternalApiClient media,
            @Qualifier("mediaUploads") WebClient uploads, UpstreamProperties props, JsonMapper json) {
        this.signaling = signaling;
        this.media = media;
        this.json = json;
        this.uploads = uploads;
        this.uploadTimeout = props.media().timeout();
    }

    /** Queues the file on the call's plays; emits the call and the play's id. */
    public Mono<QueuedPlay> play(BusinessNumber number, String callRef, String mediaUrl) {
        return acceptedCall(number, callRef).flatMap(call -> send(number, call, "play",
                        new PlayRequest(mediaUrl, call.externalCallId(), NumberContextMapper.toBody(number)))
                .map(response -> queued(call, response)));
    }

    /**
     * Stops the play if it is playing, unqueues it if it waits (docs/internal-apis.md); {@code 404 PLAY_NOT_FOUND}
     * from the media bridge when it is neither.
     */
    public Mono<LiveCall> stopPlay(BusinessNumber number, String callRef, String playId) {
        return acceptedCall(number, callRef).flatMap(call -> media.exchange(HttpMethod.DELETE,
                        uri -> uri.path("/internal/numbers/{numberId}/calls/{callId}/plays/{playId}")
                                .build(number.id(), call.id(), playId), null)
                .map(response -> {
                    if (!response.isSuccess()) {
                        throw response.asError(json);
                    }
                    return call;
                }));
    }

    private QueuedPlay queued(LiveCall call, UpstreamResponse response) {
        if (!response.isSuccess()) {
            throw response.asError(json);
        }
        PlayResponse answer = response.read(json, PlayResponse.class);
        if (answer == null || answer.playId() == null) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "UPSTREAM_ERROR", "An internal service failed; try again");
        }
        return new QueuedPlay(call, answer.playId());
    }

    /**
     * Plays audio the caller uploaded (the GO layer's {@code media/play}): the bytes go to the media bridge as
     * they are, the number's context in a header.
     */
    public Mono<LiveCall> playUpload(BusinessNumber number, String callRef, byte[] audio, String contentType) {
        return acceptedCall(number, callRef).flatMap(call -> {
            String context = Base64.getUrlEncoder().encodeToString(
                    json.writeValueAsBytes(NumberContextMapper.toBody(number)));
            WebClient.RequestBodySpec request = uploads.post()
                    .uri(uri -> uri.path("/internal/numbers/{numberId}/calls/{callId}/play-upload")
                            .queryParam("externalCallId", "{externalCallId}")
                            .build(number.id(), call.id(), call.externalCallId()))
                    .header("x-ringline-number", context);
            if (contentType != null) {
                request = request.header(HttpHeaders.CONTENT_TYPE, contentType);
            }
            return request.bodyValue(audio)
                    .exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                            .map(bytes -> new UpstreamResponse("media-bridge-service", response.statusCode().value(),
                                    bytes)))
                    .timeout(uploadTimeout)
                    .onErrorMap(e -> !(e instanceof ApiException), e -> new ApiException(
                            HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                            "A Ringline service is temporarily unavailable; try again"))
                    .map(response -> {
                        if (!response.isSuccess()) {
                            throw response.asError(json);
                        }
                        return call;
                    });
        });
    }

    /**
     * Opens a realtime session; the media bridge's answer ({@code {wsUrl, token, expiresInSeconds}}) as is.
     * {@code dialect} null = Ringline's protocol 2; {@link #GO_DIALECT} for the GO compatibility layer.
     */
    public Mono<UpstreamResponse> realtimeSession(BusinessNumber number, String callRef, SessionOptions options,
            String dialect) {
        return acceptedCall(number, callRef).flatMap(call -> send(number, call, "realtime-session",
                new RealtimeSessionRequest(options.mode(), options.format(), options.framing(), options.playout(),
                        dialect, call.externalCallId(), NumberContextMapper.toBody(number))));
    }

    private Mono<UpstreamResponse> send(BusinessNumber number, LiveCall call, String operation, Object body) {
        return media.exchange(HttpMethod.POST,
                uri -> uri.path("/internal/numbers/{numberId}/calls/{callId}/" + operation).build(number.id(), call.id()),
                json.writeValueAsBytes(body));
    }

    /** @throws ApiException 404 CALL_NOT_FOUND, or 409 INVALID_CALL_STATE unless the call is connected */
    private Mono<LiveCall> acceptedCall(BusinessNumber number, String callRef) {
        if (!CallRefs.isPlausible(number.provider(), callRef)) {
            return Mono.error(CallNotFound.exception());
        }
        return signaling.getCall(number.id(), callRef, false).map(response -> {
            if (response.status() == 404) {
                throw CallNotFound.exception();
            }
            if (!response.isSuccess()) {
                throw response.asError(json);
            }
            JsonNode call = response.parse(json);
            if (call == null || !call.path("id").isString() || !call.path("status").isString()) {
                throw new ApiException(HttpStatus.BAD_GATEWAY, "UPSTREAM_ERROR", "An internal service failed; try again");
            }
            String status = call.get("status").stringValue();
            if (!status.equals("ACCEPTED") || !call.path("externalCallId").isString()) {
                throw new ApiException(HttpStatus.CONFLICT, "INVALID_CALL_STATE",
                        "Audio can only be sent to a connected call (status ACCEPTED); this call is " + status);
            }
            return new LiveCall(call.get("id").stringValue(), call.get("externalCallId").stringValue(), status);
        });
    }
}
