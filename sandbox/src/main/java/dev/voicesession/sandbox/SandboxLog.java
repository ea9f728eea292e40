package dev.voicesession.sandbox;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.voicesession.emulator.console.ConsoleHost.LogLine;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps the newest lines of the process's log, numbered, for the sandbox's web console. Installed on
 * Logback's root logger, so it sees what the console and the log file see, at the configured level.
 */
final class SandboxLog extends AppenderBase<ILoggingEvent> {
    private static final int CAPACITY = 5_000;

    private final Deque<LogLine> lines = new ArrayDeque<>();
    private long sequence;

    /**
     * Creates the appender and adds it to the root logger, if Logback is SLF4J's backend.
     *
     * @return the installed appender (it keeps nothing when Logback is not in use)
     */
    static SandboxLog install() {
        SandboxLog log = new SandboxLog();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            log.setContext(context);
            log.setName("sandbox-console");
            log.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(log);
        }
        return log;
    }

    /** Removes this appender from the root logger. */
    void uninstall() {
        if (getContext() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        }
        stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
        String logger = event.getLoggerName();
        String message = event.getFormattedMessage();
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            message += " [" + thrown.getClassName() + ": " + thrown.getMessage() + "]";
        }
        synchronized (lines) {
            if (lines.size() == CAPACITY) {
                lines.removeFirst();
            }
            lines.addLast(new LogLine(++sequence, Instant.ofEpochMilli(event.getTimeStamp()),
                    event.getLevel().toString(), logger.substring(logger.lastIndexOf('.') + 1), message));
        }
    }

    /**
     * Returns the lines after a sequence number.
     *
     * @param afterSequence the last line already seen, 0 for none
     * @param max at most this many, the newest
     * @return the lines, oldest first
     */
    List<LogLine> after(long afterSequence, int max) {
        synchronized (lines) {
            List<LogLine> newer = lines.stream().filter(l -> l.sequence() > afterSequence).toList();
            return newer.subList(Math.max(0, newer.size() - max), newer.size());
        }
    }
}
