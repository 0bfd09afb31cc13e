package io.ringline.sandbox.evogo;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** The provisioned GO instances, by instance name. */
@Component
public class GoInstances {

    private final Map<String, GoInstance> byName = new ConcurrentHashMap<>();

    /** @return the instance this one replaces, if any */
    public Optional<GoInstance> put(GoInstance instance) {
        return Optional.ofNullable(byName.put(instance.name(), instance));
    }

    public Optional<GoInstance> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<GoInstance> findByPhone(String phone) {
        return byName.values().stream().filter(instance -> instance.phone().equals(phone)).findFirst();
    }

    public List<GoInstance> all() {
        Collection<GoInstance> values = byName.values();
        return values.stream().sorted(Comparator.comparing(GoInstance::name)).toList();
    }
}
