package io.ringline.bench.observe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A service's live heap: a full GC requested with {@code jcmd <pid> GC.run} (the services run the serial
 * collector, so that is a full collection), then {@code jvm_memory_used_bytes{area="heap"}} from its
 * {@code /actuator/prometheus}. What is left after a full GC is what the service holds, not garbage waiting —
 * the only heap figure that can be divided by a number of sessions.
 */
public final class LiveHeap {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private LiveHeap() {
    }

    /** @return bytes, or null when the GC could not be requested or the metric not read */
    public static Long afterFullGc(long pid, String serviceUrl, String internalToken) {
        if (pid <= 0) {
            return null;
        }
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "GC.run").redirectErrorStream(true).start();
            jcmd.getInputStream().readAllBytes();
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                return null;
            }
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl
                    + "/actuator/prometheus")).header("x-internal-token", internalToken)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            long used = (long) HeapSampler.sum(response.body(), "jvm_memory_used_bytes{", "area=\"heap\"");
            return used > 0 ? used : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
