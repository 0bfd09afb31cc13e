package io.ringline.gateway.web;

import io.ringline.platform.web.ApiException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed, strict access to the fields of one JSON object. Every problem becomes
 * {@code 400 INVALID_REQUEST} with {@code details.field} naming the field by its path ({@code evoGo.baseUrl}).
 * {@code null} counts as absent.
 */
public final class JsonFields {

    private final ObjectNode node;
    private final String path;

    public JsonFields(ObjectNode node) {
        this(node, "");
    }

    private JsonFields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Refuses any field not in {@code allowed}: a typo must not be silently ignored. */
    public JsonFields onlyFields(Collection<String> allowed) {
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw ApiException.invalid(field(name), "unknown field");
            }
        }
        return this;
    }

    public JsonFields onlyFields(String... allowed) {
        return onlyFields(Set.of(allowed));
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    /** True when the field is present with the value {@code null} (PATCH: "clear it"). */
    public boolean isExplicitNull(String name) {
        JsonNode value = node.get(name);
        return value != null && value.isNull();
    }

    public boolean isEmpty() {
        return node.propertyNames().stream().noneMatch(this::has);
    }

    public String requiredString(String name) {
        String value = optionalString(name);
        if (value == null) {
            throw ApiException.invalid(field(name), "is required");
        }
        return value;
    }

    /** A string that must not be blank once trimmed; returned trimmed. */
    public String requiredText(String name, int maxLength) {
        String value = optionalText(name, maxLength);
        if (value == null) {
            throw ApiException.invalid(field(name), "is required");
        }
        return value;
    }

    public String optionalString(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ApiException.invalid(field(name), "must be a string");
        }
        return withoutNul(field(name), value.stringValue());
    }

    /**
     * No text Ringline keeps may hold U+0000: PostgreSQL refuses it in {@code text}, and an instance name with a NUL
     * in a GO webhook came back as a 500 (found by the abuse campaign). Refused where it is read, as bad input.
     */
    private static String withoutNul(String field, String value) {
        if (value.indexOf('\u0000') >= 0) {
            throw ApiException.invalid(field, "must not contain the NUL character (U+0000)");
        }
        return value;
    }

    /** Trimmed; blank → error; longer than {@code maxLength} → error. */
    public String optionalText(String name, int maxLength) {
        String value = optionalString(name);
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw ApiException.invalid(field(name), "must not be blank");
        }
        if (trimmed.length() > maxLength) {
            throw ApiException.invalid(field(name), "must be at most " + maxLength + " characters");
        }
        return trimmed;
    }

    public Boolean optionalBoolean(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw ApiException.invalid(field(name), "must be a boolean");
        }
        return value.booleanValue();
    }

    public List<String> optionalStringList(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw ApiException.invalid(field(name), "must be an array of strings");
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item == null || !item.isString()) {
                throw ApiException.invalid(field(name) + "[" + i + "]", "must be a string");
            }
            items.add(withoutNul(field(name) + "[" + i + "]", item.stringValue()));
        }
        return items;
    }

    public List<String> requiredStringList(String name) {
        List<String> value = optionalStringList(name);
        if (value == null) {
            throw ApiException.invalid(field(name), "is required");
        }
        return value;
    }

    public JsonFields optionalObject(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw ApiException.invalid(field(name), "must be an object");
        }
        return new JsonFields((ObjectNode) value, field(name));
    }

    public JsonFields requiredObject(String name) {
        JsonFields value = optionalObject(name);
        if (value == null) {
            throw ApiException.invalid(field(name), "is required");
        }
        return value;
    }

    /** The raw value (any JSON type), or null when absent. */
    public JsonNode raw(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    /** The full path of a field of this object, for error details. */
    public String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
