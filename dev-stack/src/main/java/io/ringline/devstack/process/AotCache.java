package io.ringline.devstack.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A JDK 25 AOT cache (JEP 483/514/515) for one service jar: classes loaded and linked, and method profiles,
 * recorded once and reused by every later start — on two cores, five services starting at once spend most of
 * their start-up loading classes. The cache only covers classes from plain jars on the class path, so the Spring
 * Boot jar is extracted first ({@code -Djarmode=tools extract}); both live in {@code target/aot/} next to the jar
 * and are redone when the jar's content changes (builds are reproducible, so a rebuild of unchanged sources keeps
 * them).
 *
 * @param jar   the extracted application jar to run with {@code -jar}
 * @param cache the cache file, present once a training run has written it
 */
public record AotCache(Path jar, Path cache) {

    /** JEP 514's one-step {@code -XX:AOTCacheOutput} arrived in JDK 25. */
    public static boolean supported() {
        return Runtime.version().feature() >= 25;
    }

    /** Extracts {@code execJar} unless it was extracted with this content before; a new extraction drops the cache. */
    public static AotCache prepare(Path java, Path execJar) {
        String name = execJar.getFileName().toString();
        Path dir = execJar.getParent().resolve("aot").resolve(name.substring(0, name.length() - ".jar".length()));
        Path extracted = dir.resolve("app").resolve(name);
        Path source = dir.resolve("source.sha256");
        String digest = sha256(execJar);
        if (!Files.exists(extracted) || !digest.equals(read(source))) {
            deleteRecursively(dir);
            run(List.of(java.toString(), "-Djarmode=tools", "-jar", execJar.toString(), "extract", "--destination",
                    dir.resolve("app").toString()), "extract " + execJar);
            write(source, digest);
        }
        return new AotCache(extracted, dir.resolve("app.aot"));
    }

    public boolean trained() {
        return Files.exists(cache);
    }

    /** JVM options that use the cache. */
    public List<String> useOptions() {
        return List.of("-XX:AOTCache=" + cache);
    }

    /**
     * JVM options of a training run: the application starts as usual and exits once its context is refreshed (every
     * bean created, migrations run), and the JVM writes the cache on the way out.
     */
    public List<String> trainingOptions() {
        return List.of("-XX:AOTCacheOutput=" + cache, "-Dspring.context.exit=onRefresh");
    }

    private static void run(List<String> command, String what) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("could not " + what);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
