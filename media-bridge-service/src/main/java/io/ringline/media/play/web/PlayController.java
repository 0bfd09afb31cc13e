package io.ringline.media.play.web;

import io.ringline.media.evogo.NumberContextJson;
import io.ringline.media.play.PlayService;
import io.ringline.platform.web.ApiException;
import java.util.Base64;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
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
 * the call and its state; this downloads the file and hands it to Evolution GO.
 */
@RestController
class PlayController {

    record PlayRequest(String mediaUrl, String externalCallId, NumberContextJson number) {
    }

    record PlayResponse(boolean queued, String callId, int bytes, String contentType) {
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
        NumberContextJson context = decodeNumber(number);
        if (exchange.getRequest().getHeaders().getContentLength() > play.maxBytes()) {
            return Mono.error(ApiException.invalid("body", "the audio is larger than " + play.maxBytes() + " bytes"));
        }
        int limit = (int) Math.min(play.maxBytes() + 1, Integer.MAX_VALUE); // one more byte: "too large", not a cut
        return DataBufferUtils.join(exchange.getRequest().getBody(), limit)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class,
                        e -> ApiException.invalid("body", "the audio is larger than " + play.maxBytes() + " bytes"))
                .flatMap(bytes -> play.playUpload(bytes, contentType, externalCallId, context))
                .map(played -> new PlayResponse(true, callId, played.bytes(), played.contentType()));
    }

    private NumberContextJson decodeNumber(String header) {
        if (header == null) {
            throw ApiException.invalid(NUMBER_HEADER, "is required");
        }
        try {
            return json.readValue(Base64.getUrlDecoder().decode(header), NumberContextJson.class);
        } catch (RuntimeException e) {
            throw ApiException.invalid(NUMBER_HEADER, "must be base64url of the NumberContext JSON");
        }
    }

    @PostMapping("/internal/numbers/{numberId}/calls/{callId}/play")
    Mono<PlayResponse> play(@PathVariable String numberId, @PathVariable String callId,
            @RequestBody PlayRequest request) {
        return play.play(request.mediaUrl(), request.externalCallId(), request.number())
                .map(played -> new PlayResponse(true, callId, played.bytes(), played.contentType()));
    }
}
