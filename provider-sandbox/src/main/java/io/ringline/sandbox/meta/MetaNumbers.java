package io.ringline.sandbox.meta;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** The provisioned Meta phone numbers, by phone-number id. */
@Component
public class MetaNumbers {

    private final Map<String, MetaNumber> byId = new ConcurrentHashMap<>();

    /** @return the number this one replaces, if any */
    public Optional<MetaNumber> put(MetaNumber number) {
        return Optional.ofNullable(byId.put(number.phoneNumberId(), number));
    }

    public Optional<MetaNumber> find(String phoneNumberId) {
        return Optional.ofNullable(byId.get(phoneNumberId));
    }

    public Optional<MetaNumber> findByPhone(String phone) {
        return byId.values().stream().filter(number -> number.phone().equals(phone)).findFirst();
    }

    public List<MetaNumber> all() {
        return byId.values().stream().sorted(Comparator.comparing(MetaNumber::phoneNumberId)).toList();
    }
}
