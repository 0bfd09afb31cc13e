package io.ringline.system.abuse.run;

import io.ringline.system.abuse.gen.HostileRequest;
import io.ringline.system.abuse.http.RawResponse;
import io.ringline.system.abuse.oracle.Oracle;
import io.ringline.system.abuse.oracle.Verdict;
import io.ringline.system.abuse.world.SecretRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of what was sent and how it was judged, plus a few examples of every kind of failure. Thread-safe. */
public final class Tally {

    private static final int EXAMPLES_PER_FINDING = 3;

    /** One failing exchange, trimmed for the report. */
    public record Example(long seq, String kind, String request, String answer) {
    }

    private final SecretRegistry secrets;
    private final LongAdder sent = new LongAdder();
    private final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byCategory = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final Map<Verdict, LongAdder> byVerdict = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byAnswer = new ConcurrentHashMap<>();
    private final Map<String, List<Example>> failures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failureCounts = new ConcurrentHashMap<>();

    public Tally(SecretRegistry secrets) {
        this.secrets = secrets;
    }

    private final Map<String, LongAdder> millisByCategory = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> slowestByAnswer = new ConcurrentHashMap<>();

    /** Records one exchange and how long it took (from the first byte written to the last byte read). */
    public void record(HostileRequest request, RawResponse response, Oracle.Judgement judgement, long millis) {
        millisByCategory.computeIfAbsent(request.category(), k -> new LongAdder()).add(millis);
        String answer = judgement.answer().startsWith("no answer") ? "no answer" : judgement.answer();
        slowestByAnswer.computeIfAbsent(answer, k -> new java.util.concurrent.atomic.AtomicLong())
                .accumulateAndGet(millis, Math::max);
        slowestByKind.computeIfAbsent(request.kind(), k -> new java.util.concurrent.atomic.AtomicLong())
                .accumulateAndGet(millis, Math::max);
        record(request, response, judgement);
    }

    private final Map<String, java.util.concurrent.atomic.AtomicLong> slowestByKind = new ConcurrentHashMap<>();

    /** The kinds whose slowest exchange took longest, slowest first. */
    public Map<String, Long> slowestKinds(int top) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        slowestByKind.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
                .limit(top).forEach(e -> out.put(e.getKey(), e.getValue().get()));
        return out;
    }

    /** Total milliseconds spent per category (summed over concurrent requests). */
    public Map<String, Long> millisByCategory() {
        return sorted(millisByCategory);
    }

    public Map<String, Long> slowestByAnswer() {
        Map<String, Long> out = new TreeMap<>();
        slowestByAnswer.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void record(HostileRequest request, RawResponse response, Oracle.Judgement judgement) {
        sent.increment();
        count(byRoute, request.route().service() + " " + request.route().label());
        count(byCategory, request.category());
        count(byKind, request.kind());
        byVerdict.computeIfAbsent(judgement.verdict(), v -> new LongAdder()).increment();
        count(byAnswer, judgement.answer().startsWith("no answer") ? "no answer" : judgement.answer());
        if (!judgement.verdict().ok()) {
            String finding = judgement.verdict() + " | " + request.route().label() + " | " + judgement.answer();
            count(failureCounts, finding);
            List<Example> examples = failures.computeIfAbsent(finding, f -> java.util.Collections.synchronizedList(new ArrayList<>()));
            synchronized (examples) {
                if (examples.size() < EXAMPLES_PER_FINDING) {
                    examples.add(new Example(request.seq(), request.kind(), secrets.mask(describe(request)),
                            secrets.mask(excerpt(response))));
                }
            }
        }
    }

    public long sent() {
        return sent.sum();
    }

    public long count(Verdict verdict) {
        LongAdder n = byVerdict.get(verdict);
        return n == null ? 0 : n.sum();
    }

    public long failures() {
        return byVerdict.entrySet().stream().filter(e -> !e.getKey().ok()).mapToLong(e -> e.getValue().sum()).sum();
    }

    public Map<String, Long> byRoute() {
        return sorted(byRoute);
    }

    public Map<String, Long> byCategory() {
        return sorted(byCategory);
    }

    public Map<String, Long> byKind() {
        return sorted(byKind);
    }

    public Map<String, Long> byAnswer() {
        return sorted(byAnswer);
    }

    public Map<String, Long> failureCounts() {
        return sorted(failureCounts);
    }

    public List<Example> examples(String finding) {
        return List.copyOf(failures.getOrDefault(finding, List.of()));
    }

    private static void count(Map<String, LongAdder> map, String key) {
        map.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> map) {
        Map<String, Long> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    static String describe(HostileRequest request) {
        String target = new String(request.raw().target(), StandardCharsets.UTF_8);
        StringBuilder s = new StringBuilder(request.raw().method()).append(' ').append(trim(target, 200));
        request.raw().headers().forEach(h -> s.append(" | ").append(h.name()).append(": ")
                .append(trim(new String(h.value(), StandardCharsets.UTF_8), 60)));
        if (request.raw().body().length > 0) {
            s.append(" | body ").append(request.raw().body().length).append(" B: ")
                    .append(trim(new String(request.raw().body(), StandardCharsets.UTF_8), 200));
        }
        if (request.raw().framing() != io.ringline.system.abuse.http.RawRequest.Framing.LENGTH) {
            s.append(" | framing ").append(request.raw().framing());
        }
        return s.toString().replaceAll("[\\r\\n\\x00]", "·");
    }

    static String excerpt(RawResponse response) {
        if (!response.answered()) {
            return response.noAnswer();
        }
        return (response.status() + " " + trim(response.bodyText(), 300)).replaceAll("[\\r\\n\\x00]", "·");
    }

    private static String trim(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars)";
    }
}
