package io.ringline.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.core.log.LogMessage;

/**
 * Spring logs through commons-logging, often as {@code logger.debug(LogMessage.format(...))} — a message rendered
 * only if it is written. commons-logging 1.3's own SLF4J bridge renders it before SLF4J checks the level
 * (spring-framework#37266), so every disabled debug line of Spring's request, transaction and R2DBC paths was
 * formatted and thrown away. platform-kit names commons-logging's Log4j API bridge instead ({@code
 * META-INF/services/org.apache.commons.logging.LogFactory}), which asks first; Log4j API reaches SLF4J through Boot's
 * {@code log4j-to-slf4j}, so what is written still lands in the services' logback.
 */
class LazyLogMessagesTest {

    private static final String NAME = "io.ringline.platform.logging.LazyLogMessagesTest.subject";

    private final Logger logback = (Logger) LoggerFactory.getLogger(NAME);
    private final ListAppender<ILoggingEvent> written = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void infoOnly() {
        levelBefore = logback.getLevel();
        logback.setLevel(Level.INFO);
        written.start();
        logback.addAppender(written);
    }

    @AfterEach
    void restore() {
        logback.detachAppender(written);
        logback.setLevel(levelBefore);
    }

    @Test
    void aDisabledLevelNeverRendersTheMessage() {
        Log log = LogFactory.getLog(NAME);
        AtomicInteger renders = new AtomicInteger();
        Object message = new Object() {
            @Override
            public String toString() {
                renders.incrementAndGet();
                return "expensive";
            }
        };

        log.debug(message);
        log.trace(message);
        new LogAccessor(log).debug(LogMessage.of(() -> {
            renders.incrementAndGet();
            return "expensive too";
        }));

        assertThat(renders).hasValue(0);
        assertThat(written.list).isEmpty();
    }

    @Test
    void anEnabledLevelStillReachesTheServicesLogback() {
        Log log = LogFactory.getLog(NAME);

        log.info(LogMessage.format("written %s", "once"));
        log.warn("and a warning", new IllegalStateException("cause"));

        assertThat(written.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Level.INFO, "written once"),
                        org.assertj.core.groups.Tuple.tuple(Level.WARN, "and a warning"));
        assertThat(written.list.get(1).getThrowableProxy().getMessage()).isEqualTo("cause");
    }
}
