package io.ringline.bench.observe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Seconds a JVM has spent compiling (JIT), from its performance counters ({@code jcmd <pid> PerfCounter.print}:
 * {@code java.ci.totalTime} — {@code sun.ci.totalTime} before JDK 25 — in ticks of {@code sun.os.hrt.frequency};
 * the compile tasks' elapsed time, close to the compiler threads' CPU). Five JVMs compiling the same frameworks
 * share two cores, so this shows how long after start-up a measurement stops paying for warm-up.
 */
public final class JitTime {

    private JitTime() {
    }

    /** -1 when it cannot be read (not a HotSpot JVM of this user, or gone). */
    public static double seconds(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "PerfCounter.print").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                return -1;
            }
            double ticks = counter(out, "java.ci.totalTime=");
            if (ticks < 0) {
                ticks = counter(out, "sun.ci.totalTime=");
            }
            double frequency = counter(out, "sun.os.hrt.frequency=");
            return ticks < 0 || frequency <= 0 ? -1 : ticks / frequency;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static double counter(String text, String name) {
        int at = text.indexOf(name);
        if (at < 0) {
            return -1;
        }
        int end = text.indexOf('\n', at);
        return Double.parseDouble(text.substring(at + name.length(), end < 0 ? text.length() : end).strip());
    }
}
