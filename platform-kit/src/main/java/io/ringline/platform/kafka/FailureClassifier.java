package io.ringline.platform.kafka;

import io.r2dbc.spi.R2dbcTransientException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.KafkaException;

/**
 * Tells a failure of our surroundings (database or broker down, timeouts) from a failure of the record.
 * Transient failures are retried until the surroundings recover, so nothing is lost; anything else is
 * the record's fault and it goes to the dead-letter topic so the partition keeps moving.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PoisonRecordException) {
                return false;
            }
            if (t instanceof TransientDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof OptimisticLockingFailureException
                    || t instanceof R2dbcTransientException
                    || t instanceof R2dbcNonTransientResourceException
                    || t instanceof IOException
                    || t instanceof TimeoutException
                    || t instanceof KafkaException
                    || t instanceof org.apache.kafka.common.errors.RetriableException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
