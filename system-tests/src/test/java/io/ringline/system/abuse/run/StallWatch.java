package io.ringline.system.abuse.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Watches the workers' requests in flight; the first time one has waited longer than {@code threshold}, it
 * dumps every thread of this JVM (the platform runs in it) to a file, so a stalled server can be diagnosed.
 */
final class StallWatch implements AutoCloseable {

    private final AtomicLongArray startedNanos;
    private final long thresholdNanos;
    private final Path dump;
    private final Thread watcher;
    private volatile boolean dumped;

    StallWatch(int workers, long thresholdMillis, Path dump) {
        this.startedNanos = new AtomicLongArray(workers);
        this.thresholdNanos = thresholdMillis * 1_000_000;
        this.dump = dump;
        this.watcher = Thread.ofPlatform().daemon().name("abuse-stall-watch").start(this::watch);
    }

    void started(int worker) {
        startedNanos.set(worker, System.nanoTime());
    }

    void finished(int worker) {
        startedNanos.set(worker, 0);
    }

    private void watch() {
        while (!Thread.currentThread().isInterrupted() && !dumped) {
            long now = System.nanoTime();
            for (int i = 0; i < startedNanos.length(); i++) {
                long started = startedNanos.get(i);
                if (started != 0 && now - started > thresholdNanos) {
                    dumpThreads();
                    return;
                }
            }
            try {
                Thread.sleep(500); // a watchdog's polling period, not synchronisation of the test
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void dumpThreads() {
        dumped = true;
        StringBuilder out = new StringBuilder();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            out.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState()).append('\n');
            for (StackTraceElement frame : info.getStackTrace()) {
                out.append("    at ").append(frame).append('\n');
            }
            out.append('\n');
        }
        try {
            Files.createDirectories(dump.getParent());
            Files.writeString(dump, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean dumped() {
        return dumped;
    }

    @Override
    public void close() {
        watcher.interrupt();
    }
}
