package io.ringline.bench.scenario;

import io.ringline.bench.load.Http;
import io.ringline.bench.seed.GoNumber;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inbound calls for accepts: simulated users call the scenario's EVO_GO numbers through the sandbox ({@code POST
 * /sandbox/users/{phone}/calls}, {@value AnsweredCalls#IN_FLIGHT} in flight) — the provider then sends GO's
 * {@code CallOffer} webhook like for any user's call — and each is handed over, oldest first, once its
 * {@code call.ringing} came. They ring at most the accept window (60 s) before they are missed, which bounds how
 * large a step can be prepared: the report shows a missed call as a failed accept.
 */
final class RingingCalls implements CallSupply {

    private static final Logger log = LoggerFactory.getLogger(RingingCalls.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String sandboxUrl;
    private final Http http;
    private final ActionLedger ledger;
    private final List<GoNumber> numbers;
    private final List<String> users;
    /** The number each call rang in on, by the provider's call id: its key is the one the accept is sent with. */
    private final Map<String, GoNumber> numberOf = new ConcurrentHashMap<>();
    private int next;

    RingingCalls(String sandboxUrl, Http http, ActionLedger ledger, List<GoNumber> numbers, List<String> users) {
        this.sandboxUrl = sandboxUrl;
        this.http = http;
        this.ledger = ledger;
        this.numbers = numbers;
        this.users = users;
    }

    @Override
    public List<PreparedCall> prepare(int count) {
        long readyBefore = ledger.readyCount();
        Long rang = Flux.range(next, count)
                .flatMap(this::ringIn, AnsweredCalls.IN_FLIGHT)
                .count()
                .block(Duration.ofMinutes(10));
        next += count;
        long expected = rang == null ? 0 : rang;
        Drain.await(() -> ledger.readyCount() - readyBefore >= expected, ledger::readyCount,
                Duration.ofSeconds(30), Duration.ofMinutes(5));
        return ledger.takeRinging(count).stream()
                .map(call -> {
                    GoNumber number = numberOf.remove(call.externalCallId());
                    ledger.rangIn();
                    return number == null ? null : new PreparedCall(call.callId(), number.apiKey());
                })
                .filter(Objects::nonNull)
                .toList();
    }

    /** @return the provider's call id, empty when the sandbox refused the user's call */
    private Mono<String> ringIn(int index) {
        GoNumber number = numbers.get(index % numbers.size());
        String user = users.get(index % users.size()).substring(1);
        byte[] body = JSON.writeValueAsBytes(Map.of("to", number.phone().replace("+", "")));
        return http.post(sandboxUrl + "/sandbox/users/" + user + "/calls", Map.of(), body)
                .flatMap(response -> {
                    if (response.status() == 201) {
                        String externalId = JSON.readTree(response.body()).path("externalCallId").asString();
                        numberOf.put(externalId, number);
                        return Mono.just(externalId);
                    }
                    log.warn("accepts: a user's call could not be made: HTTP {} {}", response.status(),
                            new String(response.body()));
                    ledger.placeFailed();
                    return Mono.<String>empty();
                })
                .onErrorResume(e -> {
                    ledger.placeFailed();
                    return Mono.empty();
                });
    }
}
