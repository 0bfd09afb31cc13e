package io.ringline.sandbox.meta.api;

import io.ringline.sandbox.meta.GraphException;
import tools.jackson.databind.JsonNode;

/** Reading Graph request bodies the way Graph complains about them: by parameter name. */
final class GraphJson {

    private GraphJson() {
    }

    static JsonNode object(JsonNode body, String name) {
        if (body == null || !body.isObject()) {
            throw GraphException.invalidParameter("The parameter " + name + " must be a JSON object");
        }
        return body;
    }

    static String required(JsonNode parent, String name) {
        String value = optional(parent, name);
        if (value == null || value.isBlank()) {
            throw GraphException.invalidParameter("The parameter " + name + " is required");
        }
        return value;
    }

    static String optional(JsonNode parent, String name) {
        JsonNode value = parent.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw GraphException.invalidParameter("The parameter " + name + " must be a string");
        }
        return value.asString();
    }

    static void requireWhatsApp(JsonNode body) {
        if (!"whatsapp".equals(optional(object(body, "body"), "messaging_product"))) {
            throw GraphException.invalidParameter("The parameter messaging_product is required and must be whatsapp");
        }
    }
}
