package io.ringline.gateway.tenancy;

import io.ringline.platform.crypto.SecretBox;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals provider credentials into the SecretBox envelope stored in the database and carried in
 * {@code NumberContext.encryptedCredentials}, in the JSON shape docs/internal-apis.md fixes:
 * EVO_GO {@code {"instanceToken"}}, META {@code {"accessToken", "appSecret", "verifyToken"}}.
 */
@Component
public class CredentialsSealer {

    private final SecretBox box;
    private final JsonMapper json;

    public CredentialsSealer(SecretBox box, JsonMapper json) {
        this.box = box;
        this.json = json;
    }

    public String seal(ProviderCredentials credentials) {
        Map<String, String> fields = new LinkedHashMap<>();
        switch (credentials) {
            case ProviderCredentials.EvoGo go -> fields.put("instanceToken", go.instanceToken());
            case ProviderCredentials.Meta meta -> {
                fields.put("accessToken", meta.accessToken());
                fields.put("appSecret", meta.appSecret());
                if (meta.verifyToken() != null) {
                    fields.put("verifyToken", meta.verifyToken());
                }
            }
        }
        return box.encrypt(json.writeValueAsString(fields));
    }

    public ProviderCredentials open(ProviderKind provider, String envelope) {
        JsonNode fields = json.readTree(box.decrypt(envelope));
        return switch (provider) {
            case EVO_GO -> new ProviderCredentials.EvoGo(fields.path("instanceToken").stringValue(null));
            case META -> new ProviderCredentials.Meta(fields.path("accessToken").stringValue(null),
                    fields.path("appSecret").stringValue(null), fields.path("verifyToken").stringValue(null));
            case UNKNOWN -> throw new IllegalStateException("credentials of an unsupported provider kind cannot be read");
        };
    }
}
