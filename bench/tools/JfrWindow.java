import jdk.jfr.consumer.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import java.util.stream.*;

/**
 * The Java samples of one JFR recording within a window of today's UTC clock — e.g. one step of the calls scenario,
 * whose start and end the benchmark logs — grouped by thread (numbers folded), by top frame, by package on the stack
 * and by stack: {@code java bench/tools/JfrWindow.java <file.jfr> <from HH:MM:SS> <to HH:MM:SS> [stack depth]}.
 * {@code jfr view hot-methods} (what {@code ./bench.sh --jfr} writes next to each recording) covers the whole run.
 */
public class JfrWindow {
    public static void main(String[] a) throws Exception {
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        Instant from = LocalTime.parse(a[1]).atDate(day).toInstant(ZoneOffset.UTC);
        Instant to = LocalTime.parse(a[2]).atDate(day).toInstant(ZoneOffset.UTC);
        int depth = a.length > 3 ? Integer.parseInt(a[3]) : 12;
        Map<String, Integer> threads = new HashMap<>(), top = new HashMap<>(), stacks = new HashMap<>(), pkgs = new HashMap<>();
        int n = 0;
        try (RecordingFile f = new RecordingFile(Path.of(a[0]))) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
                if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) continue;
                n++;
                String t = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
                t = t == null ? "?" : t.replaceAll("[-#]?\\d+", "#");
                threads.merge(t, 1, Integer::sum);
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) continue;
                List<RecordedFrame> fr = st.getFrames();
                top.merge(name(fr.get(0)), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame x : fr) {
                    String p = pkg(x);
                    if (seen.add(p)) pkgs.merge(p, 1, Integer::sum);
                }
                stacks.merge(fr.stream().limit(depth).map(JfrWindow::name).collect(Collectors.joining(" < ")), 1, Integer::sum);
            }
        }
        System.out.println("samples " + n);
        print("threads", threads, n, 15);
        print("top frames", top, n, 25);
        print("packages on stack (inclusive)", pkgs, n, 40);
        print("stacks", stacks, n, 25);
    }

    static String name(RecordedFrame f) {
        String c = f.getMethod().getType().getName();
        return c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    static String pkg(RecordedFrame f) {
        String c = f.getMethod().getType().getName();
        String[] p = c.split("\\.");
        return String.join(".", Arrays.copyOf(p, Math.min(p.length - 1, c.startsWith("io.ringline") ? 4 : 3)));
    }

    static void print(String title, Map<String, Integer> m, int n, int k) {
        System.out.println("== " + title);
        m.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(k)
                .forEach(e -> System.out.printf("%6d %5.1f%% %s%n", e.getValue(), 100.0 * e.getValue() / n, e.getKey()));
    }
}
