package io.ringline.media.support;

import io.ringline.media.config.AddressGuard;
import io.ringline.media.config.MediaProperties;
import io.ringline.platform.internalapi.NumberContextBody;
import io.ringline.platform.crypto.SecretBox;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Properties, guards and numbers for media tests without Spring. */
public final class MediaFixtures {

    public static final SecretBox BOX = SecretBox.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

    private MediaFixtures() {
    }

    /** The service's properties: defaults, with {@code overrides} (keys under {@code ringline.media}). */
    public static MediaProperties props(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        overrides.forEach((k, v) -> values.put("ringline.media." + k, v));
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("ringline.media", MediaProperties.class);
    }

    public static AddressGuard guard(boolean on) {
        return new AddressGuard(props(Map.of("allow-private-networks", String.valueOf(!on))));
    }

    public static NumberContextBody number(String numberId, String baseUrl) {
        return new NumberContextBody(numberId, "ten_media", "EVO_GO", "+5511900000002", baseUrl, "instance-1",
                BOX.encrypt("{\"instanceToken\":\"go-instance-token\"}"), 1L);
    }
}
