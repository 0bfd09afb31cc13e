package io.ringline.system.abuse.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The file every log event of this JVM is written to, in full ({@code logback-test.xml} of the system tests,
 * path from the {@code ringline.platform-log} system property). The campaign empties it before the platform
 * starts, so it holds exactly what this run's services wrote.
 */
public final class PlatformLog {

    private final Path file;

    private PlatformLog(Path file) {
        this.file = file;
    }

    /** The log file of this JVM, emptied (Logback appends to it, so it keeps writing to the same file). */
    public static PlatformLog startEmpty() {
        Path file = Path.of(System.getProperty("ringline.platform-log", "target/platform.log"));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PlatformLog(file);
    }

    public Path file() {
        return file;
    }

    public long lines() {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
