package io.ringline.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The copy-paste snippets of docs/webhooks.md are the programs this module compiles and runs (or, for Python and
 * Go, keeps next to them — the Python one at least parsed): each file appears in the page verbatim, so the page cannot drift from what was tested.
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

    /**
     * The Python receiver cannot be run here (its library comes from PyPI, which our build machines do not reach), so
     * at least the machine's Python parses it: a snippet with a syntax error never reaches the page.
     */
    @Test
    void thePythonReceiverIsValidPython() {
        var parsed = Programs.run(List.of("python3", "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])",
                ROOT.resolve("examples/webhooks/python/receiver.py").toString()), Map.of(), 60);

        assertThat(parsed.exitCode()).as("python3 parses receiver.py; stderr: %s", parsed.stderr()).isZero();
    }
}
