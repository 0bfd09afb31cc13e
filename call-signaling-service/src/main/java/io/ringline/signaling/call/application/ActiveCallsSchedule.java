package io.ringline.signaling.call.application;

import io.ringline.signaling.SignalingProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Recounts active calls ({@link ActiveCallsRefresher}) at start, then every {@code ringline.signaling.sweep-interval}. */
@Configuration(proxyBeanMethods = false)
class ActiveCallsSchedule implements SchedulingConfigurer {

    private final ActiveCallsRefresher refresher;
    private final SignalingProperties props;

    ActiveCallsSchedule(ActiveCallsRefresher refresher, SignalingProperties props) {
        this.refresher = refresher;
        this.props = props;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(refresher::refreshOnSchedule, props.sweepInterval());
    }
}
