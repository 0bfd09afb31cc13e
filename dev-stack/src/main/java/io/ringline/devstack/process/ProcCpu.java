package io.ringline.devstack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU time of a process, or of a JVM's JIT compiler threads, from Linux's {@code /proc}: user + system time (fields
 * 14 and 15 of a {@code stat} line), optionally with the time of the children it has already waited for (16 and 17),
 * in clock ticks converted to milliseconds. The launcher's start-up figures and the benchmark's meters read it.
 */
public final class ProcCpu {

    private static final long TICKS_PER_SECOND = clockTicks();

    private ProcCpu() {
    }

    /** A process's CPU time (its threads, live and exited); -1 when it does not exist or /proc is not there. */
    public static long millis(long pid, boolean withReapedChildren) {
        long[] fields = fields(Path.of("/proc", Long.toString(pid), "stat"));
        if (fields.length == 0) {
            return -1;
        }
        long ticks = fields[0] + fields[1] + (withReapedChildren ? fields[2] + fields[3] : 0);
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /**
     * The CPU time of a JVM's live JIT compiler threads (HotSpot names them {@code C1 CompilerThread<n>} and
     * {@code C2 CompilerThread<n>}); 0 when there are none or the process is gone.
     */
    public static long compilerMillis(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return threads.filter(ProcCpu::isCompilerThread).mapToLong(task -> {
                long[] fields = fields(task.resolve("stat"));
                return fields.length == 0 ? 0 : fields[0] + fields[1];
            }).sum() * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean isCompilerThread(Path task) {
        try {
            String name = Files.readString(task.resolve("comm")).strip(); // the kernel keeps 15 bytes of it
            return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
        } catch (IOException e) {
            return false; // the thread ended while listed
        }
    }

    /** utime, stime, cutime, cstime; empty when unreadable. The name (field 2) may hold spaces: count after ')'. */
    private static long[] fields(Path stat) {
        try {
            String line = Files.readString(stat);
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                    Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            getconf.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100; // Linux's USER_HZ nearly everywhere
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
