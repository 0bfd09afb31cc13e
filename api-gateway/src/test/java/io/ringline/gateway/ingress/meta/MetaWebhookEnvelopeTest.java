package io.ringline.gateway.ingress.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ringline.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MetaWebhookEnvelopeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void changesKeepBodyOrderAndMapToSignalKinds() {
        var envelope = MetaWebhookEnvelope.parse(JSON.readTree("{\"entry\":[{\"changes\":["
                + "{\"field\":\"calls\",\"value\":{\"metadata\":{\"phone_number_id\":\"P1\"},\"calls\":[]}},"
                + "{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"P2\"},\"messages\":"
                + "[{\"interactive\":{\"type\":\"call_permission_reply\"}}]}}]},"
                + "{\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"P1\"},"
                + "\"messages\":[{\"type\":\"text\"}]}},"
                + "{\"field\":\"account_update\",\"value\":{\"event\":\"x\"}}]}]}"), 10);

        assertThat(envelope.phoneNumberIds()).containsExactly("P1", "P2");
        assertThat(envelope.changes()).extracting(MetaWebhookEnvelope.Change::signalKind)
                .containsExactly("meta.calls", "meta.messages", null);
        assertThat(envelope.changes()).extracting(MetaWebhookEnvelope.Change::phoneNumberId)
                .containsExactly("P1", "P2", "P1");
    }

    @Test
    void aChangesTimeIsMetasTimestampOfItsFirstCallStatusOrMessage() {
        var envelope = MetaWebhookEnvelope.parse(JSON.readTree("{\"entry\":[{\"changes\":["
                + "{\"field\":\"calls\",\"value\":{\"metadata\":{\"phone_number_id\":\"P1\"},"
                + "\"calls\":[{\"id\":\"wacid.1\",\"timestamp\":\"1671644824\"}]}},"
                + "{\"field\":\"calls\",\"value\":{\"metadata\":{\"phone_number_id\":\"P1\"},"
                + "\"statuses\":[{\"id\":\"wacid.1\",\"timestamp\":\"1671644944\"}]}},"
                + "{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"P1\"},"
                + "\"messages\":[{\"timestamp\":\"1671645000\",\"interactive\":{\"type\":\"call_permission_reply\"}}]}},"
                + "{\"field\":\"calls\",\"value\":{\"metadata\":{\"phone_number_id\":\"P1\"},"
                + "\"calls\":[{\"id\":\"wacid.2\",\"timestamp\":\"soon\"}]}},"
                + "{\"field\":\"calls\",\"value\":{\"metadata\":{\"phone_number_id\":\"P1\"},\"calls\":[]}}]}]}"), 10);

        assertThat(envelope.changes()).extracting(MetaWebhookEnvelope.Change::occurredAt).containsExactly(
                Instant.ofEpochSecond(1671644824), Instant.ofEpochSecond(1671644944),
                Instant.ofEpochSecond(1671645000), null, null);
    }

    @Test
    void aCallsChangeWithoutItsNumberIsInvalid() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> MetaWebhookEnvelope.parse(JSON.readTree(
                "{\"entry\":[{\"changes\":[{\"field\":\"calls\",\"value\":{\"calls\":[]}}]}]}"), 10));
        assertThat(e.details()).containsEntry("field", "entry[0].changes[0].value.metadata.phone_number_id");
    }

    @Test
    void aBodyNamingMoreDistinctNumbersThanTheCapIsInvalidWhileRepeatsOfOneNumberAreNot() {
        StringBuilder changes = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            changes.append(i == 0 ? "" : ",").append("{\"field\":\"calls\",\"value\":{\"metadata\":")
                    .append("{\"phone_number_id\":\"P").append(i % 3).append("\"},\"calls\":[]}}");
        }
        String repeats = "{\"entry\":[{\"changes\":[" + changes + "]}]}";
        assertThat(MetaWebhookEnvelope.parse(JSON.readTree(repeats), 3).phoneNumberIds()).hasSize(3);

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> MetaWebhookEnvelope.parse(JSON.readTree(repeats), 2));
        assertThat(e.status().value()).isEqualTo(400);
        assertThat(e.details()).containsEntry("field", "entry");
        assertThat(e.getMessage()).contains("more than 2 phone_number_ids");
    }

    @Test
    void theSignatureIsComputedOncePerDistinctAppSecretNotOncePerNumber() {
        java.util.List<String> checked = new java.util.ArrayList<>();

        boolean valid = MetaIngress.verifiesForAll(java.util.List.of("s1", "s1", "s1", "s2", "s1", "s2"),
                secret -> checked.add(secret));

        assertThat(valid).isTrue();
        assertThat(checked).containsExactly("s1", "s2");

        checked.clear();
        assertThat(MetaIngress.verifiesForAll(java.util.List.of("bad", "s1", "s2"),
                secret -> checked.add(secret) && !secret.equals("bad"))).isFalse();
        assertThat(checked).as("stops at the first failure").containsExactly("bad");
    }

    @Test
    void signatureIsHexHmacSha256OfTheRawBytesComparedExactly() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        // Known answer, from: printf '{"a":1}' | openssl dgst -sha256 -hmac secret
        String signature = MetaSignature.sign("secret", body);
        assertThat(signature).isEqualTo("sha256=aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494");
        assertThat(MetaSignature.verify("secret", body, signature)).isTrue();
        assertThat(MetaSignature.verify("secret", body, signature.toUpperCase().replace("SHA256", "sha256"))).isTrue();
        assertThat(MetaSignature.verify("other", body, signature)).isFalse();
        assertThat(MetaSignature.verify("secret", "{\"a\":2}".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(MetaSignature.verify("secret", body, null)).isFalse();
        assertThat(MetaSignature.verify("secret", body, signature.substring(7))).isFalse();
    }
}
