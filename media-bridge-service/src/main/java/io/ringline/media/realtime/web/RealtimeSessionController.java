package io.ringline.media.realtime.web;

import io.ringline.platform.internalapi.RealtimeSessionRequest;
import io.ringline.media.realtime.Dialect;
import io.ringline.media.realtime.RealtimeSessionService;
import io.ringline.media.realtime.RealtimeSessionService.PublicSession;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /internal/numbers/{numberId}/calls/{callId}/realtime-session}: the gateway already checked the
 * number, the call and its state; the answer is what the tenant gets.
 */
@RestController
class RealtimeSessionController {

    private final RealtimeSessionService sessions;

    RealtimeSessionController(RealtimeSessionService sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/internal/numbers/{numberId}/calls/{callId}/realtime-session")
    Mono<PublicSession> open(@PathVariable String numberId, @PathVariable String callId,
            @RequestBody RealtimeSessionRequest request) {
        return sessions.open(numberId, callId, new RealtimeSessionService.SessionRequest(request.mode(),
                request.format(), request.framing(), request.playout(), Dialect.parse(request.dialect())), request.externalCallId(),
                request.number());
    }
}
