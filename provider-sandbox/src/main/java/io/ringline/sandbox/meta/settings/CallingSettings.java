package io.ringline.sandbox.meta.settings;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.ringline.sandbox.meta.MetaNumber;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each number's {@code calling} settings as Meta stores them. A POST updates only the keys it sends, and a posted
 * {@code call_hours} replaces the stored one entirely (so leaving out {@code holiday_schedule} deletes it).
 * Numbers start with calling enabled when their messaging limit allows it, SIP disabled and no call hours.
 */
@Component
public class CallingSettings {

    private final Map<String, ObjectNode> byNumber = new ConcurrentHashMap<>();
    private final Clock clock;

    public CallingSettings(Clock clock) {
        this.clock = clock;
    }

    public ObjectNode current(MetaNumber number) {
        return stored(number).deepCopy();
    }

    public void update(MetaNumber number, JsonNode calling) {
        CallingSettingsRules.check(calling, number, clock.instant());
        byNumber.compute(number.phoneNumberId(), (id, existing) -> {
            ObjectNode updated = (existing != null ? existing : defaults(number)).deepCopy();
            calling.properties().forEach(entry -> updated.set(entry.getKey(), entry.getValue().deepCopy()));
            return updated;
        });
    }

    public boolean callingEnabled(MetaNumber number) {
        return "ENABLED".equals(stored(number).path("status").asString(""));
    }

    /** Meta routes the calls of a SIP-enabled number over SIP and refuses Graph API calling for it (131055). */
    public boolean sipEnabled(MetaNumber number) {
        return "ENABLED".equals(stored(number).path("sip").path("status").asString(""));
    }

    public boolean openNow(MetaNumber number) {
        return CallHours.isOpen(stored(number).path("call_hours"), clock.instant());
    }

    private ObjectNode stored(MetaNumber number) {
        return byNumber.computeIfAbsent(number.phoneNumberId(), id -> defaults(number));
    }

    private static ObjectNode defaults(MetaNumber number) {
        ObjectNode calling = JsonNodeFactory.instance.objectNode();
        calling.put("status", number.mayEnableCalling() ? "ENABLED" : "DISABLED");
        calling.put("call_icon_visibility", "DEFAULT");
        calling.put("callback_permission_status", "DISABLED");
        calling.putObject("call_hours").put("status", "DISABLED");
        calling.putObject("sip").put("status", "DISABLED");
        return calling;
    }
}
