package dev.voicesession.emulator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log level of a standalone emulator ({@link EmulatorMain} only; the library never touches logging). Without
 * a configuration file logback logs everything at DEBUG, thousands of Jetty lines; this sets the root level
 * instead. A {@code -Dlogback.configurationFile} given by the operator wins, and another SLF4J backend is left
 * as it is configured.
 */
final class StandaloneLogging {
    private StandaloneLogging() {}

    /** Sets the root level to {@code level} if logback runs without a configuration file of the operator's. */
    static void apply(String level) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (System.getProperty("logback.configurationFile") != null
                || !"ch.qos.logback.classic.LoggerContext".equals(factory.getClass().getName())) {
            return;
        }
        Level parsed = Level.toLevel(level, null);
        if (parsed == null) {
            throw new IllegalArgumentException("Unknown log level '" + level
                    + "'; use one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
        }
        ((LoggerContext) factory).getLogger(Logger.ROOT_LOGGER_NAME).setLevel(parsed);
    }
}
