package io.ringline.sandbox.meta;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

/** Every Meta call the sandbox holds, by {@code wacid}. */
@Component
class MetaCalls {

    private final Map<String, MetaCall> byId = new ConcurrentHashMap<>();

    void add(MetaCall call) {
        byId.put(call.id(), call);
    }

    public Optional<MetaCall> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** A call of this number; any other id is an invalid parameter, as Graph answers. */
    MetaCall require(String phoneNumberId, String id) {
        return find(id)
                .filter(call -> call.phoneNumberId().equals(phoneNumberId))
                .orElseThrow(() -> GraphException.invalidParameter("Invalid call_id " + id + " for this phone number"));
    }

    long liveOn(String phoneNumberId) {
        return byId.values().stream()
                .filter(call -> call.phoneNumberId().equals(phoneNumberId) && call.isLive())
                .count();
    }

    boolean liveWith(String phoneNumberId, String user) {
        return byId.values().stream().anyMatch(call ->
                call.phoneNumberId().equals(phoneNumberId) && call.user().equals(user) && call.isLive());
    }

    Stream<MetaCall> all() {
        return byId.values().stream();
    }

    void forgetEndedBefore(Instant cutoff) {
        byId.values().removeIf(call -> call.endedBefore(cutoff));
    }
}
