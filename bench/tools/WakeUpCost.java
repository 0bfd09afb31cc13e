import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * What one round trip between two processes costs this machine's CPU when both wait in between — the price of every
 * hop of a call (a produce, a consumer's wake-up, a statement, an HTTP request), apart from the work at either end.
 * The parent sends 16 bytes over loopback TCP at a constant rate and waits for the echo; a child JVM echoes them;
 * both block in between, like a service's event loop at a few calls a second. Reported: CPU (user + system, both
 * processes, from /proc) per round trip, and the voluntary context switches of both. Rate 0 = back to back (neither
 * side ever waits long). Run it with nothing else on the machine:
 * {@code java bench/tools/WakeUpCost.java [rate/s ...]} (default: 0 1000 5000; at rates far below 1,000/s the two JVMs' own CPU at rest, taken off, is most of what is read), docs/performance.md
 * "What a wake-up costs this machine".
 */
public class WakeUpCost {

    private static final int SECONDS = 10;
    private static final int BACK_TO_BACK = 100_000;

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--echo")) {
            echo(Integer.parseInt(args[1]));
            return;
        }
        List<Integer> rates = new ArrayList<>();
        for (String a : args.length == 0 ? new String[] {"0", "1000", "5000"} : args) {
            rates.add(Integer.parseInt(a));
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-Xmx64m", self(), "--echo", String.valueOf(server.getLocalPort()))
                    .inheritIO().start();
            try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                byte[] ping = new byte[16];
                run(0, 50_000, in, out, ping); // warm-up: both sides compiled
                Thread.sleep(3_000); // and the JIT done with them
                // What the two JVMs cost doing nothing (their own timers and GC threads): taken off each rate's CPU.
                long[] idleFrom = sample(child.pid());
                long idleStart = System.nanoTime();
                Thread.sleep(5_000);
                double idleTicksPerSecond = (sample(child.pid())[0] - idleFrom[0]) / ((System.nanoTime() - idleStart) / 1e9);
                System.out.printf("at rest: %.1f ms of CPU a second (both JVMs), taken off the figures below%n",
                        idleTicksPerSecond * 1000 / ticksPerSecond());
                for (int rate : rates) {
                    long n = rate == 0 ? BACK_TO_BACK : (long) rate * SECONDS;
                    long[] before = sample(child.pid());
                    long start = System.nanoTime();
                    run(rate, n, in, out, ping);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long[] after = sample(child.pid());
                    double cpuUs = (after[0] - before[0] - idleTicksPerSecond * seconds) * 1e6 / ticksPerSecond() / n;
                    System.out.printf("rate %s: %,d round trips at %,.0f/s — %.1f µs of CPU per round trip (both"
                            + " processes), %.2f voluntary context switches per round trip%n",
                            rate == 0 ? "back to back" : rate + "/s", n, n / seconds, cpuUs,
                            (double) (after[1] - before[1]) / n);
                }
            }
            child.destroy();
        }
    }

    /** This source file (the child runs it the way the parent was run: {@code java WakeUpCost.java}). */
    private static String self() {
        String source = System.getProperty("jdk.launcher.sourcefile");
        if (source == null) {
            throw new IllegalStateException("run it as a source file: java bench/tools/WakeUpCost.java");
        }
        return source;
    }

    private static void run(int rate, long n, DataInputStream in, DataOutputStream out, byte[] ping)
            throws IOException {
        long start = System.nanoTime();
        for (long i = 0; i < n; i++) {
            if (rate > 0) {
                long due = start + i * 1_000_000_000L / rate;
                for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
            }
            out.write(ping);
            out.flush();
            in.readFully(ping);
        }
    }

    private static void echo(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            byte[] buffer = new byte[16];
            while (true) {
                in.readFully(buffer);
                out.write(buffer);
                out.flush();
            }
        } catch (java.io.EOFException | java.net.SocketException closed) {
            // the parent is done
        }
    }

    /** {CPU ticks, voluntary context switches} of this process and the child, every thread. */
    private static long[] sample(long child) throws IOException {
        long[] total = new long[2];
        for (long pid : new long[] {ProcessHandle.current().pid(), child}) {
            String[] stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat")).split("\\) ", 2)[1]
                    .split(" ");
            total[0] += Long.parseLong(stat[11]) + Long.parseLong(stat[12]); // utime, stime (fields 14, 15)
            try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            total[1] += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                }
            } catch (java.nio.file.NoSuchFileException gone) {
                // a thread that ended between the listing and the read
            }
        }
        return total;
    }

    private static long ticksPerSecond() {
        return 100; // USER_HZ on Linux
    }
}
