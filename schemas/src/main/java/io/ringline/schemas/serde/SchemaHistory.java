package io.ringline.schemas.serde;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Older versions of our schemas, kept so records written before an evolution still decode.
 * When a schema changes, copy its previous .avsc to {@code avro-history/} and list it in
 * {@code avro-history/index.txt} (one resource path per line; docs/topics.md explains the rule).
 */
final class SchemaHistory {

    private SchemaHistory() {
    }

    static List<Schema> of(String fullName) {
        List<Schema> schemas = new ArrayList<>();
        for (String path : index()) {
            Schema schema = parse(path);
            if (schema.getFullName().equals(fullName)) {
                schemas.add(schema);
            }
        }
        return schemas;
    }

    /** Every {@code avro-history/index.txt} on the class path (test jars may add their own). */
    private static List<String> index() {
        List<String> paths = new ArrayList<>();
        try {
            var urls = SchemaHistory.class.getClassLoader().getResources("avro-history/index.txt");
            while (urls.hasMoreElements()) {
                try (InputStream in = urls.nextElement().openStream()) {
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                            .map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                            .forEach(paths::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return paths;
    }

    private static Schema parse(String path) {
        try (InputStream in = SchemaHistory.class.getResourceAsStream("/avro-history/" + path)) {
            if (in == null) {
                throw new IllegalStateException("avro-history/index.txt lists a missing file: " + path);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
