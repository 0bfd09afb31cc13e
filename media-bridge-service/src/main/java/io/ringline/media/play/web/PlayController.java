package io.ringline.media.play.web;

import io.ringline.media.evogo.NumberContextJson;
import io.ringline.media.play.PlayService;
import org.springframework.web.bind.annotation.PathVariable;
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

    private final PlayService play;

    PlayController(PlayService play) {
        this.play = play;
    }

    @PostMapping("/internal/numbers/{numberId}/calls/{callId}/play")
    Mono<PlayResponse> play(@PathVariable String numberId, @PathVariable String callId,
            @RequestBody PlayRequest request) {
        return play.play(request.mediaUrl(), request.externalCallId(), request.number())
                .map(played -> new PlayResponse(true, callId, played.bytes(), played.contentType()));
    }
}
