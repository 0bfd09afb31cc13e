package io.ringline.gateway.calls.web;

import io.ringline.gateway.calls.CallsService;
import io.ringline.gateway.calls.events.CallEventsProperties;
import io.ringline.gateway.calls.messaging.CallEventFeed;
import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.Caller;
import io.ringline.gateway.tenancy.ProviderKind;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v1/calls/events}: the key's number's call events as server-sent events, live. The first event,
 * {@code ready}, says the stream is subscribed and which number it follows: a client reads {@code GET /v1/calls}
 * after it, so nothing falls between the list and the stream.
 */
@RestController
class CallEventsController {

    /** The {@code ready} event's data: the number the key is bound to. */
    record Ready(String numberId, String phone, ProviderKind provider, String displayName) {

        static Ready of(BusinessNumber number) {
            return new Ready(number.id(), number.phone(), number.provider(), number.displayName());
        }
    }

    private final CallsService calls;
    private final CallEventFeed feed;
    private final CallEventsProperties props;

    CallEventsController(CallsService calls, CallEventFeed feed, CallEventsProperties props) {
        this.calls = calls;
        this.feed = feed;
        this.props = props;
    }

    @GetMapping(path = "/v1/calls/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<?>> events(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        // The stream is opened (and the per-number limit checked) before the first byte of the response, so a
        // refusal is an ordinary JSON error; its events are queued from this moment on.
        return calls.numberOf(caller).flatMapMany(number -> {
            CallEventFeed.Stream stream = feed.open(number.id());
            ServerSentEvent<?> ready = ServerSentEvent.builder(Ready.of(number)).event("ready").build();
            Flux<ServerSentEvent<?>> events = stream.events()
                    .map(event -> ServerSentEvent.builder(event).id(event.id()).event(event.event()).build());
            Flux<ServerSentEvent<?>> heartbeats = Flux.interval(props.heartbeat())
                    .map(tick -> ServerSentEvent.builder().comment("keep-alive").build());
            return Flux.concat(stream.ready().then(Mono.just(ready)),
                            Flux.merge(events, heartbeats).takeUntilOther(stream.ended()))
                    .doFinally(signal -> stream.close());
        });
    }
}
