package io.ringline.media.play.web;

import io.ringline.platform.web.BodyBytes;
import io.ringline.platform.internalapi.NumberContextBody;
import io.ringline.platform.internalapi.PlayRequest;
import io.ringline.platform.internalapi.PlayResponse;
import io.ringline.media.play.PlayService;
import io.ringline.platform.web.ApiException;
import java.util.Base64;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /internal/numbers/{numberId}/calls/{callId}/play}: the gateway already checked the number,
 * the call and its state; this downloads the file and queues it for Evolution GO. {@code DELETE …/plays/{playId}}
 * stops or unqueues one.
 */
@RestController
class PlayController {

    private static PlayResponse queued(String callId, PlayService.Played played) {
        return new PlayResponse(true, callId, played.bytes(), played.contentType(), played.playId(),
                played.started(), played.position());
    }

    record Stopped(boolean success, String playId) {
    }

    static final String NUMBER_HEADER = "x-ringline-number";

    private final PlayService play;
    private final JsonMapper json;

    PlayController(PlayService play, JsonMapper json) {
        this.play = play;
        this.json = json;
    }

    /**
     * The GO layer's upload: the body is the audio itself, so the call's provider id and the number's context
     * come as {@code ?externalCallId=} and header {@code x-ringline-number} (base64url of the NumberContext JSON).
     */
    @PostMapping("/internal/numbers/{numberId}/calls/{callId}/play-upload")
    Mono<PlayResponse> playUpload(@PathVariable String numberId, @PathVariable String callId,
            @RequestParam(required = false) String externalCallId,
            @RequestHeader(name = NUMBER_HEADER, required = false) String number,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            ServerWebExchange exchange) {
        NumberContextBody context = decodeNumber(number);
        if (exchange.getRequest().getHeaders().getContentLength() > play.maxBytes()) {
            return Mono.error(ApiException.invalid("body", "the audio is larger than " + play.maxBytes() + " bytes"));
        }
        return BodyBytes.read(exchange.getRequest().getBody(), play.maxBytes())
                .onErrorMap(DataBufferLimitException.class,
                        e -> ApiException.invalid("body", "the audio is larger than " + play.maxBytes() + " bytes"))
                .flatMap(bytes -> play.playUpload(callId, bytes, contentType, externalCallId, context))
                .map(played -> queued(callId, played));
    }

    private NumberContextBody decodeNumber(String header) {
        if (header == null) {
            throw ApiException.invalid(NUMBER_HEADER, "is required");
        }
        try {
            return json.readValue(Base64.getUrlDecoder().decode(header), NumberContextBody.class);
        } catch (RuntimeException e) {
            throw ApiException.invalid(NUMBER_HEADER, "must be base64url of the NumberContext JSON");
        }
    }

    @PostMapping("/internal/numbers/{numberId}/calls/{callId}/play")
    Mono<PlayResponse> play(@PathVariable String numberId, @PathVariable String callId,
            @RequestBody PlayRequest request) {
        return play.play(callId, request.mediaUrl(), request.externalCallId(), request.number())
                .map(played -> queued(callId, played));
    }

    /** Stops the play if it is playing, unqueues it if it waits; {@code 404 PLAY_NOT_FOUND} when neither. */
    @DeleteMapping("/internal/numbers/{numberId}/calls/{callId}/plays/{playId}")
    Mono<Stopped> stop(@PathVariable String numberId, @PathVariable String callId, @PathVariable String playId) {
        return play.stop(callId, playId).map(stopped -> {
            if (!stopped) {
                throw new ApiException(HttpStatus.NOT_FOUND, "PLAY_NOT_FOUND",
                        "No such play is playing or queued on this call");
            }
            return new Stopped(true, playId);
        });
    }
}
