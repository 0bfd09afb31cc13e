package io.ringline.signaling.call.reconciliation;

import io.ringline.platform.lifecycle.Poller;
import java.time.Duration;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/** The schedule both reconciliation scans run on: every {@code scan-interval} (the first after one), when enabled. */
final class ScanSchedule {

    /** A scan that runs longer fails and is retried after the back-off. */
    private static final Duration SCAN_TIMEOUT = Duration.ofMinutes(5);

    private ScanSchedule() {
    }

    static Poller poller(String name, ReconciliationProperties props, Supplier<? extends Mono<?>> scan) {
        return Poller.named(name).enabled(props.enabled())
                .initialDelay(props.scanInterval()).every(props.scanInterval())
                .roundTimeout(SCAN_TIMEOUT)
                .run(scan);
    }
}
