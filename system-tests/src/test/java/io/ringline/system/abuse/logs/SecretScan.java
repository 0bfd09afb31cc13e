package io.ringline.system.abuse.logs;

import io.ringline.system.abuse.world.SecretRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Searches a captured log for every registered secret; reports where (line number and secret name), never the value. */
public final class SecretScan {

    /** A secret found on a line of the captured log. */
    public record Finding(long line, String secret, String logger) {
    }

    private SecretScan() {
    }

    public static List<Finding> scan(Path log, SecretRegistry secrets) {
        List<Finding> findings = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            long n = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                n++;
                for (String name : secrets.findIn(line)) {
                    String[] words = line.split(" ", 5);
                    findings.add(new Finding(n, name, words.length > 3 ? words[3] : "?"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings;
    }
}
