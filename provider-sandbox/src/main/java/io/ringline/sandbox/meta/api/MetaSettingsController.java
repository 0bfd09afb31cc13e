package io.ringline.sandbox.meta.api;

import io.ringline.sandbox.meta.MetaNumber;
import io.ringline.sandbox.meta.settings.CallingSettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code GET/POST /{phone-number-id}/settings}: the number's calling settings. */
@RestController
class MetaSettingsController {

    private final CallingSettings settings;

    MetaSettingsController(CallingSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/meta/{version}/{phoneNumberId}/settings")
    GraphResponses.Settings get(@RequestAttribute(GraphFilter.NUMBER) MetaNumber number) {
        return new GraphResponses.Settings(settings.current(number));
    }

    @PostMapping("/meta/{version}/{phoneNumberId}/settings")
    GraphResponses.SettingsUpdated update(@RequestAttribute(GraphFilter.NUMBER) MetaNumber number,
            @RequestBody JsonNode body) {
        settings.update(number, GraphJson.object(body, "body").get("calling"));
        return GraphResponses.SettingsUpdated.OK;
    }
}
