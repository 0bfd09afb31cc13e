package io.ringline.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Records every log line of the platform's JVM (all services log through one Logback) while it is attached:
 * the formatted message, its arguments' rendering, the MDC and any stack trace. Ringline's own loggers
 * ({@code io.ringline}) are turned up to DEBUG meanwhile, so what they would say when debugged is checked too.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger ringline = (Logger) LoggerFactory.getLogger("io.ringline");
    private Level ringlineLevel;

    static LogCapture attach() {
        LogCapture capture = new LogCapture();
        capture.setName("system-test-log-capture");
        capture.setContext(capture.root.getLoggerContext());
        capture.start();
        capture.root.addAppender(capture);
        capture.ringlineLevel = capture.ringline.getLevel();
        capture.ringline.setLevel(Level.DEBUG);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        if (!event.getMDCPropertyMap().isEmpty()) {
            line.append(' ').append(event.getMDCPropertyMap());
        }
        if (event.getThrowableProxy() != null) {
            line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        lines.add(line.toString());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        ringline.setLevel(ringlineLevel);
        root.detachAppender(this);
        stop();
    }
}
