package io.ringline.bench.scenario;

import io.ringline.bench.load.Http;
import io.ringline.bench.seed.GoNumber;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbound calls for terminates: placed through the API ({@code POST /v1/calls}, {@value #IN_FLIGHT} in flight) to
 * simulated users who answer and stay on the line, handed over once {@code call.connected}.
 */
final class AnsweredCalls implements CallSupply {

    private static final Logger log = LoggerFactory.getLogger(AnsweredCalls.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int IN_FLIGHT = 32;

    private final String gatewayUrl;
    private final Http http;
    private final ActionLedger ledger;
    private final List<GoNumber> numbers;
    private final List<byte[]> bodies;
    private int next;

    AnsweredCalls(String gatewayUrl, Http http, ActionLedger ledger, List<GoNumber> numbers, List<String> users) {
        this.gatewayUrl = gatewayUrl;
        this.http = http;
        this.ledger = ledger;
        this.numbers = numbers;
        this.bodies = users.stream().map(to -> JSON.writeValueAsBytes(Map.of("to", to))).toList();
    }

    @Override
    public List<PreparedCall> prepare(int count) {
        List<PreparedCall> placed = Flux.range(next, count)
                .flatMap(this::place, IN_FLIGHT)
                .collectList()
                .block(Duration.ofMinutes(10));
        next += count;
        List<PreparedCall> ok = placed == null ? List.of() : placed;
        Drain.await(() -> ok.stream().allMatch(c -> ledger.ready(c.id())), ledger::readyCount,
                Duration.ofSeconds(30), Duration.ofMinutes(5));
        return ok.stream().filter(c -> ledger.ready(c.id())).toList();
    }

    private Mono<PreparedCall> place(int index) {
        GoNumber number = numbers.get(index % numbers.size());
        byte[] body = bodies.get(index % bodies.size());
        return http.post(gatewayUrl + "/v1/calls", Map.of("x-api-key", number.apiKey()), body)
                .map(response -> {
                    if (response.status() == 201) {
                        String id = JSON.readTree(response.body()).path("id").asString();
                        ledger.placed(id);
                        return new PreparedCall(id, number.apiKey());
                    }
                    log.warn("actions: a call could not be prepared: HTTP {} {}", response.status(),
                            new String(response.body()));
                    ledger.placeFailed();
                    return new PreparedCall(null, null);
                })
                .onErrorResume(e -> {
                    ledger.placeFailed();
                    return Mono.just(new PreparedCall(null, null));
                })
                .filter(p -> p.id() != null);
    }
}
