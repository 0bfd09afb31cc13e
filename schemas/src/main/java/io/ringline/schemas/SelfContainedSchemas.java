package io.ringline.schemas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * Writes one self-contained {@code .avsc} per topic ({@code <topic>.avsc}, every referenced type inlined), so a
 * consumer in any language loads a single file — no dependency order, no imports. The {@code schemas} build runs it
 * into {@code target/self-contained/} and the jar's {@code avro/self-contained/} (docs/topics.md).
 */
public final class SelfContainedSchemas {

    private SelfContainedSchemas() {
    }

    /** The value schema of a topic as one document: Avro inlines each named type at its first use. */
    public static String of(Topic<?> topic) {
        Schema schema = SpecificData.getForClass(topic.valueType()).getSchema(topic.valueType());
        return schema.toString(true) + "\n";
    }

    public static String fileName(Topic<?> topic) {
        return topic.name() + ".avsc";
    }

    /** @param args the directories to write into */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: SelfContainedSchemas <output directory>...");
        }
        for (String directory : args) {
            Path out = Files.createDirectories(Path.of(directory));
            for (Topic<?> topic : Topics.all()) {
                Files.writeString(out.resolve(fileName(topic)), of(topic), StandardCharsets.UTF_8);
            }
        }
    }
}
