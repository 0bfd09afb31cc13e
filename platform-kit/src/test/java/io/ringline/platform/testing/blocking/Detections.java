package io.ringline.platform.testing.blocking;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;

/**
 * Every blocking call BlockHound caught in this JVM. The error is still thrown where the call was made; keeping a
 * copy matters because a reactive chain may swallow it (an error handler that logs and retries), and then only
 * {@code target/blockhound-detections-<pid>.txt}, written when the JVM exits, shows it.
 */
public final class Detections {

    private record Caught(String thread, BlockingOperationError error) {
    }

    private static final ConcurrentLinkedQueue<Caught> CAUGHT = new ConcurrentLinkedQueue<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Detections::writeReport, "blockhound-detections"));
    }

    private Detections() {
    }

    /** BlockHound's callback: runs on the offending thread, so it must not block (a lock-free queue only). */
    static void record(BlockingMethod method) {
        BlockingOperationError error = new BlockingOperationError(method);
        CAUGHT.add(new Caught(Thread.currentThread().getName(), error));
        throw error;
    }

    /**
     * Removes the detections a test provoked on purpose — those whose stack passes through {@code provoker} — and
     * says whether there were any; the others stay for the report.
     */
    public static boolean forgetProvokedBy(Class<?> provoker) {
        List<Caught> provoked = CAUGHT.stream()
                .filter(c -> Arrays.stream(c.error().getStackTrace())
                        .anyMatch(frame -> frame.getClassName().startsWith(provoker.getName())))
                .toList();
        CAUGHT.removeAll(provoked);
        return !provoked.isEmpty();
    }

    private static List<Caught> drain() {
        List<Caught> taken = new ArrayList<>();
        for (Caught e; (e = CAUGHT.poll()) != null; ) {
            taken.add(e);
        }
        return taken;
    }

    private static void writeReport() {
        List<Caught> left = drain();
        if (left.isEmpty()) {
            return;
        }
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            for (Caught c : left) {
                out.println("--- on thread " + c.thread());
                c.error().printStackTrace(out);
            }
        }
        try {
            Path dir = Files.createDirectories(Path.of("target"));
            Files.writeString(dir.resolve("blockhound-detections-" + ProcessHandle.current().pid() + ".txt"),
                    text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("BlockHound detections could not be written: " + e + "\n" + text);
        }
    }
}
