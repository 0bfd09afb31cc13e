package io.ringline.bench.limits;

import io.ringline.bench.load.ClosedLoop;
import io.ringline.bench.load.Http;
import io.ringline.bench.load.Outcome;
import io.ringline.bench.load.RunResult;
import io.ringline.bench.observe.CpuMeter;
import io.ringline.bench.observe.Meters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/** Starts {@link EchoServer} as its own JVM (the services' JVM flags) and drives it at saturation. */
public final class EchoLimit {

    static final int CONCURRENCY = 64;
    private static final byte[] BODY = ("{\"to\":\"+5511988887777\",\"bizOpaqueCallbackData\":\"order-42\","
            + "\"sdpType\":\"offer\",\"note\":\"" + "x".repeat(200) + "\"}").getBytes();

    private EchoLimit() {
    }

    public static LimitReport measure(Http http, Duration duration, CpuMeter generatorCpu) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), EchoServer.class.getName(), Integer.toString(port)));
        Process echo;
        try {
            echo = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the echo server", e);
        }
        try {
            awaitPort(port, echo);
            String url = "http://127.0.0.1:" + port + "/echo";
            // The same JIT warm-up the services get before their measured steps.
            ClosedLoop.run(CONCURRENCY, duration.dividedBy(3), () -> post(http, url));
            Map<String, CpuMeter.Source> sources = new LinkedHashMap<>(generatorCpu.sources());
            sources.put("echo-server", new CpuMeter.Source(echo.pid(), false));
            CpuMeter cpu = new CpuMeter(sources);
            var before = cpu.snapshot();
            RunResult run = ClosedLoop.run(CONCURRENCY, duration, () -> post(http, url));
            return LimitReport.of("bare WebFlux echo (own JVM, -Xmx256m): POST /echo, JSON in and out", run,
                    CONCURRENCY, Meters.perOperation(before, cpu.snapshot(), run.ok()));
        } finally {
            echo.destroy();
            try {
                if (!echo.waitFor(10, TimeUnit.SECONDS)) {
                    echo.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                echo.destroyForcibly();
            }
        }
    }

    private static Mono<Outcome> post(Http http, String url) {
        return http.post(url, Map.of(), BODY)
                .map(r -> r.is2xx() ? Outcome.OK : Outcome.failed("HTTP " + r.status()));
    }

    private static void awaitPort(int port, Process process) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("echo server exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", ie);
                }
            }
        }
        throw new IllegalStateException("echo server did not listen within 60 s");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
