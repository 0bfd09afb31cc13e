package io.ringline.sandbox.evogo;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

/** Every GO call the sandbox holds, by call id. */
@Component
public class GoCalls {

    private final Map<String, GoCall> byId = new ConcurrentHashMap<>();

    void add(GoCall call) {
        byId.put(call.callId(), call);
    }

    public Optional<GoCall> find(String callId) {
        return Optional.ofNullable(byId.get(callId));
    }

    /** A call of this instance; another instance's call is indistinguishable from a missing one. */
    public GoCall require(String instanceName, String callId) {
        return find(callId)
                .filter(call -> call.instanceName().equals(instanceName))
                .orElseThrow(() -> new GoCallNotFoundException(callId));
    }

    /** Newest first. */
    public List<GoCall> ofInstance(String instanceName) {
        return byId.values().stream()
                .filter(call -> call.instanceName().equals(instanceName))
                .sorted(Comparator.comparing(GoCall::startedAt).reversed())
                .toList();
    }

    public Stream<GoCall> all() {
        return byId.values().stream();
    }

    void forgetEndedBefore(Instant cutoff) {
        byId.values().removeIf(call -> call.endedBefore(cutoff));
    }
}
