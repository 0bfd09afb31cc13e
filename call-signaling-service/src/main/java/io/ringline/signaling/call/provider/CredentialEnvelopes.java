package io.ringline.signaling.call.provider;

import io.ringline.platform.crypto.SecretBox;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.number.NumberAccount;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Opens a number's credential envelope (SecretBox JSON) for the adapter that needs one field of it. */
@Component
public class CredentialEnvelopes {

    private final SecretBox secretBox;
    private final JsonMapper json;

    public CredentialEnvelopes(SecretBox secretBox, JsonMapper json) {
        this.secretBox = secretBox;
        this.json = json;
    }

    /** @throws ProviderException when the envelope cannot be opened or lacks the field */
    public String field(NumberAccount number, String name) {
        try {
            JsonNode credentials = json.readTree(secretBox.decrypt(number.encryptedCredentials()));
            String value = credentials.path(name).asString(null);
            if (value == null || value.isBlank()) {
                throw unreadable(number, "has no " + name);
            }
            return value;
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            throw unreadable(number, "cannot be decrypted or parsed");
        }
    }

    private static ProviderException unreadable(NumberAccount number, String problem) {
        return new ProviderException(new CommandError(502, "PROVIDER_ERROR",
                "The provider credentials of number " + number.numberId() + " " + problem, null));
    }
}
