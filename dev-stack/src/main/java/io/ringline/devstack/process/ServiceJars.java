package io.ringline.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Finds a module's Spring Boot executable jar ({@code <module>/target/<module>-<version>-exec.jar}). */
public final class ServiceJars {

    private ServiceJars() {
    }

    /** The newest exec jar of {@code module} under the repository root {@code home}. */
    public static Path find(Path home, String module) {
        Path target = home.resolve(module).resolve("target");
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                var newest = files
                        .filter(file -> file.getFileName().toString().startsWith(module + "-")
                                && file.getFileName().toString().endsWith("-exec.jar"))
                        .max(Comparator.comparingLong(ServiceJars::modified));
                if (newest.isPresent()) {
                    return newest.get().toAbsolutePath();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + target, e);
            }
        }
        throw new IllegalStateException("no executable jar of " + module + " in " + target.toAbsolutePath()
                + " — build it first: ./mvnw -DskipTests -pl dev-stack -am install (./dev.sh does)");
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
