package io.ringline.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The copy-paste snippets of docs/webhooks.md are the programs this module compiles and runs (or, for Python and
 * Go, keeps next to them): each file appears in the page verbatim, so the page cannot drift from what was tested.
 */
class DocSnippetsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {
            "examples/webhooks/node/receiver.mjs",
            "examples/webhooks/python/receiver.py",
            "examples/src/main/java/io/ringline/examples/webhooks/WebhookReceiver.java",
            "examples/webhooks/go/main.go"})
    void docsWebhooksShowsTheReceiverVerbatim(String file) throws IOException {
        String source = Files.readString(ROOT.resolve(file));
        String page = Files.readString(ROOT.resolve("docs/webhooks.md"));

        assertThat(page).as("docs/webhooks.md shows %s as it is", file).contains("\n" + source + "```\n");
    }
}
