package io.ringline.system.abuse.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Writes every log event of this JVM — all services run in it — to a file, in full: the formatted message,
 * the logger, MDC and key-value pairs, and every exception with its causes and stack. Attached to the root
 * logger and re-attached whenever a service's Spring Boot start resets Logback, so nothing written between
 * {@link #install} and {@link #close} escapes the secret search.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements LoggerContextListener, AutoCloseable {

    private final Path file;
    private final BufferedWriter out;
    private final AtomicLong lines = new AtomicLong();
    private final LoggerContext context;

    private LogCapture(Path file, LoggerContext context) throws IOException {
        this.file = file;
        this.context = context;
        Files.createDirectories(file.getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        setName("abuse-campaign-capture");
        setContext(context);
    }

    public static LogCapture install(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new IllegalStateException("the campaign needs Logback to capture the platform's logs");
        }
        try {
            LogCapture capture = new LogCapture(file, context);
            capture.start();
            context.addListener(capture);
            capture.attach();
            return capture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void attach() {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(getName()) == null) {
            root.addAppender(this);
        }
    }

    public Path file() {
        return file;
    }

    public long lines() {
        return lines.get();
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256);
        line.append(event.getTimeStamp()).append(' ').append(event.getLevel()).append(' ').append(event.getThreadName())
                .append(' ').append(event.getLoggerName()).append(" - ").append(event.getFormattedMessage());
        if (event.getMDCPropertyMap() != null && !event.getMDCPropertyMap().isEmpty()) {
            line.append(" mdc=").append(event.getMDCPropertyMap());
        }
        if (event.getKeyValuePairs() != null && !event.getKeyValuePairs().isEmpty()) {
            line.append(" kv=").append(event.getKeyValuePairs());
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append("\n  caused by ").append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                line.append("\n    ").append(frame.getSTEAsString());
            }
        }
        try {
            out.write(line.toString());
            out.newLine();
            lines.incrementAndGet();
        } catch (IOException e) {
            addError("cannot write the captured log line", e);
        }
    }

    /** Flushes what was captured so far (the file can then be scanned). */
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        context.removeListener(this);
        stop();
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void onStart(LoggerContext ctx) {
        attach();
    }

    @Override
    public void onReset(LoggerContext ctx) {
        attach();
    }

    @Override
    public void onStop(LoggerContext ctx) {
    }

    @Override
    public void onLevelChange(Logger logger, ch.qos.logback.classic.Level level) {
    }
}
