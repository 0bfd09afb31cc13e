package io.ringline.sandbox.sink;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** The configured sink answers by path prefix; with none configured the sink answers 200 at once. */
@Component
class SinkBehaviours {

    /** The answer for one request. */
    record Answer(int status, Duration delay) {
        static final Answer OK = new Answer(200, Duration.ZERO);
    }

    private final Map<String, SinkBehaviour> byPath = new ConcurrentHashMap<>();

    void put(SinkBehaviour behaviour) {
        byPath.put(behaviour.path(), behaviour);
    }

    List<SinkBehaviour> all() {
        return byPath.values().stream().sorted(Comparator.comparing(SinkBehaviour::path)).toList();
    }

    void clear() {
        byPath.clear();
    }

    /** Uses up one of the {@code times} of the behaviour that applies, which disappears once used up. */
    Answer answerFor(String subPath) {
        while (true) {
            SinkBehaviour behaviour = byPath.values().stream()
                    .filter(candidate -> subPath.startsWith(candidate.path()))
                    .max(Comparator.comparingInt(candidate -> candidate.path().length()))
                    .orElse(null);
            if (behaviour == null) {
                return Answer.OK;
            }
            if (consume(behaviour)) {
                return new Answer(behaviour.status() != null ? behaviour.status() : 200,
                        Duration.ofMillis(behaviour.delayMs() != null ? behaviour.delayMs() : 0));
            }
        }
    }

    /** False when another request used the behaviour up (or replaced it) first; then look again. */
    private boolean consume(SinkBehaviour behaviour) {
        if (behaviour.times() == null) {
            return behaviour.equals(byPath.get(behaviour.path()));
        }
        SinkBehaviour next = behaviour.times() > 1
                ? new SinkBehaviour(behaviour.path(), behaviour.status(), behaviour.delayMs(), behaviour.times() - 1)
                : null;
        return next == null ? byPath.remove(behaviour.path(), behaviour)
                : byPath.replace(behaviour.path(), behaviour, next);
    }
}
