package io.ringline.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * Runs the examples' non-Java programs the way an integrator would — {@code node} and the tools
 * {@code examples/node_modules} holds (installed by the build's {@code npm ci}) — from the examples directory, always
 * within a deadline.
 */
public final class Programs {

    /** What a finished program printed. */
    public record Result(int exitCode, List<String> stdout, String stderr) {
    }

    private Programs() {
    }

    /** Runs {@code command} to completion; fails the test if it takes longer than {@code timeoutSeconds}. */
    public static Result run(List<String> command, Map<String, String> env, long timeoutSeconds) {
        try {
            Path out = Files.createTempFile("program-stdout", ".txt");
            Path err = Files.createTempFile("program-stderr", ".txt");
            Process process = builder(command, env).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s; stdout: "
                            + Files.readString(out) + "\nstderr: " + Files.readString(err));
                }
                return new Result(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + " (are node and the build's npm ci there?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A program left running (a server); its output lines are collected as they come. Close it to stop it. */
    public static Running start(List<String> command, Map<String, String> env) {
        try {
            return new Running(command, builder(command, env).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command, e);
        }
    }

    /** A started program and what it printed so far. */
    public static final class Running implements AutoCloseable {

        private final List<String> command;
        private final Process process;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        private Running(List<String> command, Process process) {
            this.command = command;
            this.process = process;
            Thread.ofVirtual().start(() -> {
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("<output closed: " + e + ">");
                }
            });
        }

        /** The first line matching {@code wanted}, waiting for it up to {@code timeoutSeconds}. */
        public String awaitLine(Predicate<String> wanted, long timeoutSeconds) {
            Awaitility.await().alias(command + " printing the expected line; so far: " + lines)
                    .atMost(timeoutSeconds, TimeUnit.SECONDS)
                    .until(() -> lines.stream().anyMatch(wanted) || !process.isAlive());
            return lines.stream().filter(wanted).findFirst().orElseThrow(() -> new AssertionError(
                    command + " exited (" + process.exitValue() + ") without the expected line; it printed " + lines));
        }

        public List<String> lines() {
            return new ArrayList<>(lines);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ProcessBuilder builder(List<String> command, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile());
        builder.environment().putAll(env);
        return builder;
    }
}
