package io.ringline.examples.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.examples.ExamplesPlatform;
import io.ringline.examples.Programs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The document integrators download — {@code /openapi.json} as a running gateway serves it, after its YAML source
 * went through the gateway's own parser — passes Redocly's linter with the repository's rules, like the source does
 * in the build.
 */
class ServedOpenApiLintSystemTest {

    @Test
    void theServedDocumentPassesRedoclysRecommendedRules() throws Exception {
        String gateway = ExamplesPlatform.get().demo().gatewayUrl();
        HttpResponse<Path> served = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(gateway + "/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofFile(Files.createDirectories(Path.of("target")).resolve("served-openapi.json")));
        assertThat(served.statusCode()).isEqualTo(200);

        var lint = Programs.run(List.of("node_modules/.bin/redocly", "lint", served.body().toString(),
                "--config=../redocly.yaml", "--format=stylish"), Map.of(), 120);

        String output = String.join("\n", lint.stdout()) + "\n" + lint.stderr();
        assertThat(lint.exitCode()).as("redocly lint of the served document:%n%s", output).isZero();
        assertThat(output).contains("Your API description is valid");
    }
}
