package io.ringline.system.abuse.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every secret minted or used during a campaign, by a name that says what it is; {@link #findIn} looks for
 * any of them in a text (a log line, an answer). Short values are not registered: a secret of fewer than
 * 12 characters would match innocent text.
 */
public final class SecretRegistry {

    static final int MIN_LENGTH = 12;

    private final Map<String, String> byValue = new ConcurrentHashMap<>();

    public void add(String name, String value) {
        if (value != null && value.length() >= MIN_LENGTH) {
            byValue.putIfAbsent(value, name);
        }
    }

    public int size() {
        return byValue.size();
    }

    /** The names of the secrets that occur in {@code text}. */
    public List<String> findIn(String text) {
        List<String> found = new ArrayList<>();
        if (text == null || text.length() < MIN_LENGTH) {
            return found;
        }
        byValue.forEach((value, name) -> {
            if (text.contains(value)) {
                found.add(name);
            }
        });
        return found;
    }

    /** The text with every secret replaced by {@code <its name>}, for printing. */
    public String mask(String text) {
        String masked = text;
        for (Map.Entry<String, String> secret : byValue.entrySet()) {
            if (masked.contains(secret.getKey())) {
                masked = masked.replace(secret.getKey(), "<" + secret.getValue() + ">");
            }
        }
        return masked;
    }

    public List<String> names() {
        return byValue.values().stream().sorted().toList();
    }
}
