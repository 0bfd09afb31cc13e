package io.ringline.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DevStackOptionsTest {

    @Test
    void theDocumentedDefaultsApplyWhenNothingIsSet() {
        DevStackOptions o = DevStackOptions.fromEnvironment(Map.of());

        assertThat(o.kafkaPort()).isEqualTo(9092);
        assertThat(o.gatewayPort()).isEqualTo(8080);
        assertThat(o.sandboxPort()).isEqualTo(8090);
        assertThat(o.externalKafka()).isNull();
        assertThat(o.externalDatabase()).isFalse();
        assertThat(o.stateDir()).isEqualTo(Path.of(".ringline"));
    }

    @Test
    void externalKafkaAndPostgresReplaceTheEmbeddedOnes() {
        DevStackOptions o = DevStackOptions.fromEnvironment(Map.of(
                "RINGLINE_KAFKA_BOOTSTRAP", "kafka-1:9092", "RINGLINE_DB_HOST", "db", "RINGLINE_GATEWAY_PORT", "0"));

        assertThat(o.externalKafka()).isEqualTo("kafka-1:9092");
        assertThat(o.externalDatabase()).isTrue();
        assertThat(o.gatewayPort()).isZero();
    }

    @Test
    void aBadPortIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> DevStackOptions.fromEnvironment(Map.of("RINGLINE_GATEWAY_PORT", "eighty")))
                .hasMessageContaining("RINGLINE_GATEWAY_PORT");
        assertThatThrownBy(() -> DevStackOptions.fromEnvironment(Map.of("RINGLINE_DEV_KAFKA_PORT", "70000")))
                .hasMessageContaining("RINGLINE_DEV_KAFKA_PORT");
    }

    @Test
    void theStateFileHasTheDocumentedKeys(@TempDir Path dir) throws Exception {
        DemoTenant demo = new DemoTenant("http://localhost:8080", "http://localhost:8090", "ten_1", "rl_t",
                new DemoTenant.DemoNumber("num_m", "+5511900000001", "rl_m"),
                new DemoTenant.DemoNumber("num_g", "+5511900000002", "rl_g"), "wh_1", "whsec_x", "op_t");

        Path file = DevStack.writeState(dir.resolve("state"), demo);

        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(file));
        assertThat(json.propertyNames()).contains("gatewayUrl", "sandboxUrl", "tenantApiKey", "metaNumber",
                "evoGoNumber", "webhookId", "webhookSecret", "operatorToken");
        assertThat(json.path("operatorToken").asString()).isEqualTo("op_t");
        assertThat(json.path("evoGoNumber").path("apiKey").asString()).isEqualTo("rl_g");
        assertThat(json.path("metaNumber").path("id").asString()).isEqualTo("num_m");
    }
}
