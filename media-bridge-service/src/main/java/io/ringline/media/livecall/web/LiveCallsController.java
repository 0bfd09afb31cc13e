package io.ringline.media.livecall.web;

import io.ringline.media.livecall.persistence.LiveCallRepository;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /internal/live-calls?numberId=}: the live EVO_GO calls, oldest first. */
@RestController
class LiveCallsController {

    /** Wrapped rather than a bare array, so paging can be added without breaking callers. */
    record LiveCalls(List<LiveCallResponse> liveCalls) {
    }

    private final LiveCallRepository liveCalls;

    LiveCallsController(LiveCallRepository liveCalls) {
        this.liveCalls = liveCalls;
    }

    @GetMapping("/internal/live-calls")
    Mono<LiveCalls> list(@RequestParam(required = false) String numberId) {
        return liveCalls.list(numberId).map(LiveCallResponse::of).collectList().map(LiveCalls::new);
    }
}
