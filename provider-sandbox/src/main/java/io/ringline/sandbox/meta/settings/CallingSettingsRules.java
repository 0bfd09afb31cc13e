package io.ringline.sandbox.meta.settings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ringline.sandbox.meta.GraphErrors;
import io.ringline.sandbox.meta.GraphException;
import io.ringline.sandbox.meta.MetaNumber;
import tools.jackson.databind.JsonNode;

/** Checks a {@code POST /settings} {@code calling} object as Meta does; throws the Graph error Meta would answer. */
final class CallingSettingsRules {

    private static final Set<String> ENABLED_DISABLED = Set.of("ENABLED", "DISABLED");
    private static final Map<String, Set<String>> ENUMS = Map.of(
            "status", ENABLED_DISABLED,
            "call_icon_visibility", Set.of("DEFAULT", "DISABLE_ALL"),
            "callback_permission_status", ENABLED_DISABLED);
    private static final Set<String> KNOWN = Set.of(
            "status", "call_icon_visibility", "callback_permission_status", "call_hours", "sip", "voicemail");

    private CallingSettingsRules() {
    }

    static void check(JsonNode calling, MetaNumber number, Instant now) {
        if (calling == null || !calling.isObject()) {
            throw GraphException.invalidParameter("The parameter calling is required and must be an object");
        }
        List<String> problems = new ArrayList<>();
        calling.propertyNames().forEach(key -> {
            if (!KNOWN.contains(key)) {
                problems.add("Unknown parameter calling." + key);
            }
        });
        ENUMS.forEach((key, allowed) -> {
            JsonNode value = calling.path(key);
            if (!value.isMissingNode() && !allowed.contains(value.asString(""))) {
                problems.add("calling." + key + " must be one of " + allowed);
            }
        });
        if (calling.has("call_hours")) {
            problems.addAll(CallHours.problems(calling.get("call_hours"), now));
        }
        if (calling.has("sip")) {
            problems.addAll(sipProblems(calling.get("sip")));
        }
        if (!problems.isEmpty()) {
            throw GraphException.invalidParameter(String.join("; ", problems));
        }
        if ("ENABLED".equals(calling.path("status").asString("")) && !number.mayEnableCalling()) {
            throw GraphErrors.messagingLimitTooLow();
        }
    }

    private static List<String> sipProblems(JsonNode sip) {
        List<String> problems = new ArrayList<>();
        if (!ENABLED_DISABLED.contains(sip.path("status").asString(""))) {
            problems.add("calling.sip.status must be ENABLED or DISABLED");
        }
        if ("ENABLED".equals(sip.path("status").asString(""))) {
            JsonNode servers = sip.path("servers");
            if (!servers.isArray() || servers.isEmpty()) {
                problems.add("calling.sip.servers must list at least one server when SIP is enabled");
            }
            for (JsonNode server : servers) {
                if (server.path("hostname").asString("").isBlank()) {
                    problems.add("every calling.sip.servers entry needs a hostname");
                }
            }
        }
        return problems;
    }
}
