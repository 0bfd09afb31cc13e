package io.ringline.sandbox.evogo.api;

import static io.ringline.sandbox.evogo.api.GoRequests.required;

import java.util.Set;

import io.ringline.sandbox.evogo.GoCall;
import io.ringline.sandbox.evogo.GoInstance;
import io.ringline.sandbox.evogo.GoSimulator;
import io.ringline.sandbox.evogo.realtime.RealtimeGrant;
import io.ringline.sandbox.evogo.realtime.RealtimeMode;
import io.ringline.sandbox.evogo.realtime.RealtimeProperties;
import io.ringline.sandbox.evogo.realtime.RealtimeUrls;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** GO media routes: audio played into a call, and realtime session grants. */
@RestController
@RequestMapping("/evogo/{instance}/call/media")
class GoMediaController {

    private static final Set<String> AUDIO_TYPES = Set.of("audio/mpeg", "audio/wav", "audio/ogg");
    private final GoSimulator simulator;
    private final RealtimeProperties realtime;
    private final JsonMapper json;

    GoMediaController(GoSimulator simulator, RealtimeProperties realtime, JsonMapper json) {
        this.simulator = simulator;
        this.realtime = realtime;
        this.json = json;
    }

    /** The audio is counted as it streams in, never buffered whole: the sandbox only records what it got. */
    @PostMapping("/play")
    Mono<GoResponses.Message> play(@RequestAttribute(GoApiFilter.INSTANCE) GoInstance instance,
            @RequestParam(required = false) String callId,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            ServerHttpRequest request) {
        required(callId, "callId");
        requireAudio(contentType);
        GoCall call = simulator.callForAudio(instance, callId, "media/play");
        return request.getBody()
                .map(buffer -> {
                    long size = buffer.readableByteCount();
                    DataBufferUtils.release(buffer);
                    return size;
                })
                .reduce(0L, Long::sum)
                .map(bytes -> {
                    if (bytes == 0) {
                        throw new IllegalArgumentException("audio body is empty");
                    }
                    simulator.audioPlayed(call, contentType, bytes);
                    return GoResponses.Message.QUEUED;
                });
    }

    /** A mode left out means {@code talk}, the session a media bridge relaying a conversation needs. */
    @PostMapping("/realtime/session")
    GoResponses.RealtimeSession realtimeSession(@RequestAttribute(GoApiFilter.INSTANCE) GoInstance instance,
            @RequestBody GoRequests.RealtimeSession body,
            ServerHttpRequest request) {
        required(body.callId(), "callId");
        RealtimeMode mode = body.mode() == null ? RealtimeMode.TALK : RealtimeMode.parse(body.mode())
                .orElseThrow(() -> new IllegalArgumentException("mode must be talk or listen"));
        RealtimeGrant grant = simulator.openRealtimeSession(instance, body.callId(), mode, json.valueToTree(body));
        String wsUrl = RealtimeUrls.wsUrl(realtime.publicBaseUrl(), request.getURI(), grant);
        return new GoResponses.RealtimeSession(wsUrl, grant.token(), realtime.tokenTtl().toSeconds());
    }

    private static void requireAudio(String contentType) {
        String type;
        try {
            MediaType mediaType = contentType == null ? null : MediaType.parseMediaType(contentType);
            type = mediaType == null ? null : mediaType.getType() + "/" + mediaType.getSubtype();
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        if (type == null || !AUDIO_TYPES.contains(type)) {
            throw new GoApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be audio/mpeg, audio/wav or audio/ogg");
        }
    }
}
