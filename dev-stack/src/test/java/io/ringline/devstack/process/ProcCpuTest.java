package io.ringline.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/** The CPU figures read from /proc: a process's own time, and only its JIT compiler threads' time. */
class ProcCpuTest {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void aJvmsCompilerThreadsAreCountedAndNoOtherThread() {
        long jitBefore = ProcCpu.compilerMillis(SELF);
        long cpuBefore = ProcCpu.millis(SELF, false);

        burnCpuOnThisThread(500);

        long jitAfter = ProcCpu.compilerMillis(SELF);
        long cpuAfter = ProcCpu.millis(SELF, false);
        assertThat(jitBefore).as("this JVM has compiled its test framework by now").isPositive();
        assertThat(cpuAfter - cpuBefore).as("the process's time includes this thread's").isGreaterThanOrEqualTo(450);
        assertThat(jitAfter - jitBefore).as("a busy test thread is not a compiler thread").isLessThan(250);
        assertThat(jitAfter).isLessThanOrEqualTo(cpuAfter);
    }

    @Test
    void aProcessThatDoesNotExistHasNoFigure() {
        long gone = Long.MAX_VALUE; // beyond any pid_max
        assertThat(ProcCpu.millis(gone, false)).isEqualTo(-1);
        assertThat(ProcCpu.compilerMillis(gone)).isZero();
    }

    private static void burnCpuOnThisThread(long millis) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + millis * 1_000_000;
        long sink = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            for (int i = 0; i < 10_000; i++) {
                sink += i * 31L ^ sink;
            }
        }
        assertThat(sink).isNotEqualTo(42); // keeps the loop from being optimised away
    }
}
