package io.ringline.bench.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of a process from {@code /proc/<pid>/stat}: user + system time (fields 14 and 15), optionally with the
 * time of children it has already waited for (16 and 17), in clock ticks converted to milliseconds.
 */
final class ProcStat {

    private static final long TICKS_PER_SECOND = clockTicks();

    private ProcStat() {
    }

    /** -1 when the process does not exist (or /proc is not there). */
    public static long cpuMillis(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (withReapedChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            getconf.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
