package io.ringline.devstack;

import io.ringline.devstack.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the AOT training starts of several services at once (each exits by itself once its context is refreshed and
 * its cache written). A training that fails only costs speed: that service then starts without a cache.
 */
final class AotTraining {

    private static final Logger log = LoggerFactory.getLogger(AotTraining.class);
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private AotTraining() {
    }

    /** @return how long the training took */
    static Duration run(List<ProcessSpec> trainings) {
        Instant started = Instant.now();
        List<Process> running = new ArrayList<>();
        try {
            for (ProcessSpec spec : trainings) {
                Files.createDirectories(spec.log().toAbsolutePath().getParent());
                ProcessBuilder builder = new ProcessBuilder(spec.command()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(spec.log().toFile()));
                builder.environment().putAll(spec.environment());
                running.add(builder.start());
            }
            Instant deadline = started.plus(DEADLINE);
            for (int i = 0; i < running.size(); i++) {
                Process process = running.get(i);
                long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                if (!process.waitFor(left, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    log.warn("AOT training of {} did not finish in {}; it starts without a cache (log {})",
                            trainings.get(i).name(), DEADLINE, trainings.get(i).log());
                } else if (process.exitValue() != 0) {
                    log.warn("AOT training of {} exited with {}; it starts without a cache (log {})",
                            trainings.get(i).name(), process.exitValue(), trainings.get(i).log());
                }
            }
            log.info("AOT caches recorded in {} ms", Duration.between(started, Instant.now()).toMillis());
        } catch (IOException e) {
            log.warn("AOT training could not run ({}); services start without caches", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during AOT training", e);
        } finally {
            running.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
        }
        return Duration.between(started, Instant.now());
    }
}
