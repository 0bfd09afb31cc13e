package io.ringline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code .ringline/dev-stack.json}: what the dev stack seeded and, with {@code --processes}, each process's pid and
 * URL. Replaced atomically (write, then rename), so a reader never sees half a file — the file changes whenever a
 * supervised process is restarted.
 */
final class StateFile {

    static final String NAME = "dev-stack.json";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private StateFile() {
    }

    /** The documented keys every dev stack writes. */
    static Map<String, Object> of(DemoTenant demo) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("gatewayUrl", demo.gatewayUrl());
        state.put("sandboxUrl", demo.sandboxUrl());
        state.put("tenantId", demo.tenantId());
        state.put("tenantApiKey", demo.tenantApiKey());
        state.put("metaNumber", demo.metaNumber());
        state.put("evoGoNumber", demo.evoGoNumber());
        state.put("webhookId", demo.webhookId());
        state.put("webhookSecret", demo.webhookSecret());
        state.put("operatorToken", demo.operatorToken());
        return state;
    }

    static synchronized Path write(Path stateDir, Map<String, Object> state) {
        try {
            Files.createDirectories(stateDir);
            Path file = stateDir.resolve(NAME);
            Path partial = stateDir.resolve(NAME + ".partial");
            Files.writeString(partial, JSON.writeValueAsString(state));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stateDir + "/" + NAME, e);
        }
    }

    /** A file left by an earlier run must not be mistaken for this one's. */
    static void delete(Path stateDir) {
        try {
            Files.deleteIfExists(stateDir.resolve(NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + stateDir + "/" + NAME, e);
        }
    }
}
