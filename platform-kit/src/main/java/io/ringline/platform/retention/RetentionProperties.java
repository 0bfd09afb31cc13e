package io.ringline.platform.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the retention job of every service runs (the periods themselves belong to each service's rules).
 *
 * @param enabled          false stops the schedule ({@link RetentionJob#runOnce()} still works)
 * @param interval         pause between two runs
 * @param initialDelay     first run after start-up
 * @param batchSize        rows deleted per transaction
 * @param maxBatchesPerRun batches one rule may take in one run; a larger backlog waits for the next run, so a
 *                         run never holds a connection for long
 */
@ConfigurationProperties("ringline.retention")
public record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10m") Duration interval,
        @DefaultValue("1m") Duration initialDelay,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("100") int maxBatchesPerRun) {

    public RetentionProperties {
        if (batchSize < 1 || maxBatchesPerRun < 1) {
            throw new IllegalArgumentException("ringline.retention.batch-size and max-batches-per-run must be positive");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("ringline.retention.interval must be positive");
        }
    }
}
