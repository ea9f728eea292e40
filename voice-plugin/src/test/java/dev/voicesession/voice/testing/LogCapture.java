package dev.voicesession.voice.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what the plugin's loggers write, for assertions on log lines. */
public final class LogCapture implements AutoCloseable {

    private final Logger root;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        root = (Logger) LoggerFactory.getLogger("dev.voicesession.voice");
        appender.start();
        root.addAppender(appender);
    }

    /** The formatted messages so far. */
    public List<String> messages() {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** How many messages contain {@code text}. */
    public long count(String text) {
        return messages().stream().filter(m -> m.contains(text)).count();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
    }
}
