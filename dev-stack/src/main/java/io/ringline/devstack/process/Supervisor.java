package io.ringline.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a set of processes like a small orchestrator: starts them all, waits until every readiness probe answers,
 * then restarts any that dies (after a back-off, on the same spec, so on the same port) and reports every change
 * (new pid, ready again) to its listeners. {@link #close()} sends SIGTERM to all, SIGKILL to those still alive
 * after the deadline, and waits for every one to be gone.
 *
 * <p>Fault experiments drive it through {@link #kill}, {@link #pause}, {@link #resume} and {@link #awaitReady}, or
 * signal the pids in {@link #status()} themselves: the supervisor reacts to a process's exit, whoever caused it.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(20);

    private final Map<String, Supervised> byName = new LinkedHashMap<>();
    private final RestartBackoff backoff;
    private final Duration readyWithin;
    private final Readiness readiness = new Readiness();
    private final List<Consumer<Map<String, ProcessStatus>>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private boolean supervising;
    private boolean stopping;

    private Supervisor(List<ProcessSpec> specs, RestartBackoff backoff, Duration readyWithin) {
        specs.forEach(spec -> byName.put(spec.name(), new Supervised(spec)));
        this.backoff = backoff;
        this.readyWithin = readyWithin;
    }

    /**
     * Starts every process at once and returns when all are ready; restarts are armed from then on. A process that
     * exits or is not ready within {@code readyWithin} fails the start (everything started is stopped again).
     */
    public static Supervisor start(List<ProcessSpec> specs, RestartBackoff backoff, Duration readyWithin) {
        Supervisor supervisor = new Supervisor(specs, backoff, readyWithin);
        try {
            supervisor.startAll();
            return supervisor;
        } catch (RuntimeException e) {
            supervisor.close();
            throw e;
        }
    }

    private void startAll() {
        synchronized (this) {
            byName.values().forEach(this::spawn);
        }
        Instant deadline = Instant.now().plus(readyWithin);
        List<Supervised> waiting = new ArrayList<>(byName.values());
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                Supervised s = it.next();
                if (!s.process.isAlive()) {
                    throw new IllegalStateException(s.spec.name() + " exited with code " + s.process.exitValue()
                            + " while starting; last lines of " + s.spec.log() + ":\n" + tail(s.spec.log()));
                }
                if (readiness.isReady(s.spec.readinessUrl())) {
                    markReady(s, s.process);
                    it.remove();
                }
            }
            if (!waiting.isEmpty() && Instant.now().isAfter(deadline)) {
                Supervised late = waiting.getFirst();
                throw new IllegalStateException(late.spec.name() + " was not ready within " + readyWithin
                        + "; last lines of " + late.spec.log() + ":\n" + tail(late.spec.log()));
            }
            pause(POLL);
        }
        synchronized (this) {
            supervising = true;
        }
    }

    /** Every process as of now, in start order. */
    public synchronized Map<String, ProcessStatus> status() {
        Map<String, ProcessStatus> all = new LinkedHashMap<>();
        byName.forEach((name, s) -> all.put(name, s.status()));
        return all;
    }

    public synchronized ProcessStatus status(String name) {
        return require(name).status();
    }

    /** Called with {@link #status()} after every change: a process died, was restarted, became ready again. */
    public void onChange(Consumer<Map<String, ProcessStatus>> listener) {
        listeners.add(listener);
    }

    /** SIGKILL, as a crash would; the supervisor then restarts it like any process that died. */
    public void kill(String name) {
        Process process;
        synchronized (this) {
            process = require(name).process;
        }
        process.destroyForcibly();
    }

    /** SIGSTOP: the process stays alive but answers nothing (a hung JVM, a long GC pause). */
    public void pause(String name) {
        Supervised s;
        synchronized (this) {
            s = require(name);
            s.paused = true;
        }
        Signals.send(s.process.pid(), "STOP");
    }

    /** SIGCONT after {@link #pause}. */
    public void resume(String name) {
        Supervised s;
        synchronized (this) {
            s = require(name);
            s.paused = false;
        }
        Signals.send(s.process.pid(), "CONT");
    }

    /** Waits until the named process is ready (again) and returns its status; fails after {@code timeout}. */
    public ProcessStatus awaitReady(String name, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            ProcessStatus status = status(name);
            if (status.ready()) {
                return status;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " not ready within " + timeout);
            }
            pause(POLL);
        }
    }

    private void spawn(Supervised s) {
        try {
            Files.createDirectories(s.spec.log().toAbsolutePath().getParent());
            Files.writeString(s.spec.log(), "── " + Instant.now() + " starting " + s.spec.name()
                    + (s.restarts > 0 ? " (restart " + s.restarts + ")" : "") + " ──\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(s.spec.command())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(s.spec.log().toFile()));
            builder.environment().putAll(s.spec.environment());
            Process process = builder.start();
            s.process = process;
            s.ready = false;
            s.startedAt = Instant.now();
            process.onExit().thenRun(() -> exited(s, process));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + s.spec.name(), e);
        }
    }

    private void exited(Supervised s, Process process) {
        Duration delay;
        synchronized (this) {
            if (stopping || !supervising || s.process != process) {
                return; // stopping on purpose, or a start failure startAll reports itself
            }
            boolean wasStable = s.readyAt != null
                    && Duration.between(s.readyAt, Instant.now()).compareTo(backoff.stableAfter()) >= 0;
            s.deathsInRow = wasStable ? 1 : s.deathsInRow + 1;
            s.ready = false;
            s.paused = false;
            delay = backoff.delay(s.deathsInRow);
            log.warn("{} (pid {}) exited with code {}; restarting in {} ms (restart {}, log {})", s.spec.name(),
                    process.pid(), process.exitValue(), delay.toMillis(), s.restarts + 1, s.spec.log());
        }
        notifyListeners();
        scheduler.schedule(() -> restart(s), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart(Supervised s) {
        Process process;
        synchronized (this) {
            if (stopping) {
                return;
            }
            s.restarts++;
            try {
                spawn(s);
            } catch (RuntimeException e) {
                log.error("{} could not be restarted: {}", s.spec.name(), e.toString());
                return;
            }
            process = s.process;
            log.info("{} restarted as pid {}", s.spec.name(), process.pid());
        }
        notifyListeners();
        scheduler.schedule(() -> awaitRestarted(s, process), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Polls a restarted process until ready; one that hangs past {@code readyWithin} is killed and restarted. */
    private void awaitRestarted(Supervised s, Process process) {
        if (!process.isAlive() || s.process != process) {
            return; // its exit handler takes over
        }
        if (readiness.isReady(s.spec.readinessUrl())) {
            if (markReady(s, process)) {
                log.info("{} ready again as pid {} ({} ms after its restart)", s.spec.name(), process.pid(),
                        Duration.between(s.startedAt, Instant.now()).toMillis());
                notifyListeners();
            }
            return;
        }
        if (Duration.between(s.startedAt, Instant.now()).compareTo(readyWithin) > 0) {
            log.warn("{} (pid {}) not ready within {}; killing it", s.spec.name(), process.pid(), readyWithin);
            process.destroyForcibly();
            return;
        }
        scheduler.schedule(() -> awaitRestarted(s, process), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized boolean markReady(Supervised s, Process process) {
        if (s.process != process || stopping) {
            return false;
        }
        s.ready = true;
        s.readyAt = Instant.now();
        return true;
    }

    private void notifyListeners() {
        Map<String, ProcessStatus> now = status();
        for (Consumer<Map<String, ProcessStatus>> listener : listeners) {
            try {
                listener.accept(now);
            } catch (RuntimeException e) {
                log.warn("supervisor listener failed: {}", e.toString());
            }
        }
    }

    /** SIGTERM to every process (SIGCONT to paused ones), SIGKILL after the deadline; returns when all are gone. */
    @Override
    public void close() {
        List<Supervised> all;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            all = new ArrayList<>(byName.values());
        }
        scheduler.shutdownNow();
        List<Process> running = new ArrayList<>();
        for (Supervised s : all) {
            if (s.process != null && s.process.isAlive()) {
                running.add(s.process);
                s.process.destroy();
                if (s.paused) {
                    Signals.send(s.process.pid(), "CONT"); // a stopped process cannot act on SIGTERM
                }
            }
        }
        Instant deadline = Instant.now().plus(STOP_DEADLINE);
        int killed = 0;
        for (Process process : running) {
            try {
                long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                if (!process.waitFor(left, TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    killed++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        log.info("stopped {} processes{}", running.size(), killed > 0 ? " (" + killed + " killed after "
                + STOP_DEADLINE.toSeconds() + " s)" : "");
    }

    private Supervised require(String name) {
        Supervised s = byName.get(name);
        if (s == null) {
            throw new NoSuchElementException("no process named " + name);
        }
        return s;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Mutable bookkeeping of one process; guarded by the supervisor's lock. */
    private static final class Supervised {
        final ProcessSpec spec;
        volatile Process process;
        boolean ready;
        boolean paused;
        int restarts;
        int deathsInRow;
        Instant startedAt;
        Instant readyAt;

        Supervised(ProcessSpec spec) {
            this.spec = spec;
        }

        ProcessStatus status() {
            return new ProcessStatus(spec.name(), process == null ? -1 : process.pid(), spec.url(), ready, restarts,
                    spec.log());
        }
    }
}
