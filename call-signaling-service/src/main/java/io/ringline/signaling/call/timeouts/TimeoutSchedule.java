package io.ringline.signaling.call.timeouts;

import io.ringline.signaling.SignalingProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the {@link CallTimeoutSweeper} every {@code ringline.signaling.sweep-interval}, the first time one interval
 * after start.
 */
@Configuration(proxyBeanMethods = false)
class TimeoutSchedule implements SchedulingConfigurer {

    private final CallTimeoutSweeper sweeper;
    private final SignalingProperties props;

    TimeoutSchedule(CallTimeoutSweeper sweeper, SignalingProperties props) {
        this.sweeper = sweeper;
        this.props = props;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(sweeper::sweepOnSchedule, props.sweepInterval(),
                props.sweepInterval()));
    }
}
