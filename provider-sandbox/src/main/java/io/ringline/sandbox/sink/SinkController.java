package io.ringline.sandbox.sink;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.sandbox.control.ControlApi;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The recording webhook receiver: any method on {@code /sandbox/webhook-sink} and below is recorded and answered
 * (200 {@code {"received":true}} unless a sink behaviour says otherwise). The sink's own control routes
 * ({@code GET/DELETE …/deliveries}, {@code PUT/GET/DELETE …/behaviour}) are more specific mappings and win.
 */
@RestController
@ControlApi
class SinkController {

    static final String BASE = "/sandbox/webhook-sink";

    private final SinkRecorder recorder;
    private final SinkBehaviours behaviours;
    private final SinkProperties properties;
    private final MeterRegistry registry;
    private final Clock clock;

    SinkController(SinkRecorder recorder, SinkBehaviours behaviours, SinkProperties properties,
            MeterRegistry registry, Clock clock) {
        this.recorder = recorder;
        this.behaviours = behaviours;
        this.properties = properties;
        this.registry = registry;
        this.clock = clock;
    }

    @RequestMapping({BASE, BASE + "/**"})
    Mono<ResponseEntity<Map<String, Object>>> receive(ServerHttpRequest request) {
        var receivedAt = clock.instant();
        return DataBufferUtils.join(request.getBody(), properties.maxBodyBytes())
                .map(buffer -> {
                    String body = buffer.toString(StandardCharsets.UTF_8);
                    DataBufferUtils.release(buffer);
                    return body;
                })
                .defaultIfEmpty("")
                .flatMap(body -> {
                    String path = request.getPath().pathWithinApplication().value();
                    var answer = behaviours.answerFor(path.substring(BASE.length()));
                    recorder.record(receivedAt, request.getMethod().name(), path, request.getURI().getRawQuery(),
                            headers(request.getHeaders()), body, answer.status());
                    registry.counter("ringline.sandbox.sink.received", "status", Integer.toString(answer.status()))
                            .increment();
                    var response = ResponseEntity.status(answer.status()).body(responseBody(answer.status()));
                    return answer.delay().isZero() ? Mono.just(response)
                            : Mono.delay(answer.delay()).thenReturn(response);
                })
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(ResponseEntity
                        .status(HttpStatus.CONTENT_TOO_LARGE)
                        .body(Map.of("received", false, "error", "body larger than sandbox.sink.max-body-bytes"))));
    }

    private static Map<String, Object> responseBody(int status) {
        return status >= 200 && status < 300 ? Map.of("received", true)
                : Map.of("received", false, "error", "sandbox sink configured to answer " + status);
    }

    private static Map<String, String> headers(HttpHeaders headers) {
        Map<String, String> flat = new LinkedHashMap<>();
        headers.forEach((name, values) -> flat.merge(name.toLowerCase(Locale.ROOT), String.join(", ", values),
                (first, more) -> first + ", " + more));
        return flat;
    }
}
