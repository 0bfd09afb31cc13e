package io.ringline.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the OpenAPI 3.1 document of the public API. It is written by hand
 * ({@code openapi/ringline.yaml}, versioned with the code) rather than generated: request bodies are read and
 * validated field by field (no DTO types a generator could introspect), so a generated document would describe
 * no bodies at all. {@code OpenApiDocumentIntegrationTest} keeps it and the served routes identical.
 */
@RestController
class OpenApiController {

    static final String RESOURCE = "openapi/ringline.yaml";
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final byte[] yaml;
    private final byte[] json;

    OpenApiController(JsonMapper mapper) throws IOException {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            this.yaml = in.readAllBytes();
        }
        Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(new String(yaml, StandardCharsets.UTF_8));
        this.json = mapper.writeValueAsBytes(document);
    }

    @GetMapping("/openapi.json")
    ResponseEntity<byte[]> json() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }

    @GetMapping("/openapi.yaml")
    ResponseEntity<byte[]> yaml() {
        return ResponseEntity.ok().contentType(YAML).body(yaml);
    }
}
