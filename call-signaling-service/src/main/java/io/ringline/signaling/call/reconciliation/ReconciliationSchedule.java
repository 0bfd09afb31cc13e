package io.ringline.signaling.call.reconciliation;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs both reconciliations ({@link CallReconciler}, {@link ParkedSignalReconciler}) every
 * {@code ringline.signaling.reconciliation.scan-interval}, the first time one interval after start.
 */
@Configuration(proxyBeanMethods = false)
class ReconciliationSchedule implements SchedulingConfigurer {

    private final CallReconciler calls;
    private final ParkedSignalReconciler parkedSignals;
    private final ReconciliationProperties props;

    ReconciliationSchedule(CallReconciler calls, ParkedSignalReconciler parkedSignals, ReconciliationProperties props) {
        this.calls = calls;
        this.parkedSignals = parkedSignals;
        this.props = props;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(calls::scanOnSchedule, props.scanInterval(),
                props.scanInterval()));
        registrar.addFixedDelayTask(new FixedDelayTask(parkedSignals::scanOnSchedule, props.scanInterval(),
                props.scanInterval()));
    }
}
