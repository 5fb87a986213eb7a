package dev.couponbook.server.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Caps Qpid's own loggers at WARN so an embedded broker does not flood the application log.
 *
 * <p>Qpid Broker-J has no logging of its own without its logback plugin (not on our classpath); it logs through
 * SLF4J into whatever backend the application uses. Only levels nobody configured are touched, so
 * {@code logging.level.org.apache.qpid=DEBUG} still wins. Spring Boot's logging initialisation resets logback, so a
 * broker started before it (e.g. from an EnvironmentPostProcessor) loses these caps; it then still logs only two INFO
 * lines at startup, because EmbeddedAmqpBroker switches Qpid's per-connection operational log off at the source.
 */
final class QuietQpidLogging {

    private static final List<String> QPID_LOGGERS = List.of("org.apache.qpid", "qpid.message", "qpid.statistics");
    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private QuietQpidLogging() {
    }

    static void apply() {
        // Compared by name so a non-logback application never loads the logback classes referenced below.
        if (LOGBACK_CONTEXT.equals(LoggerFactory.getILoggerFactory().getClass().getName())) {
            Logback.capAtWarn();
        }
    }

    private static final class Logback {
        static void capAtWarn() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            for (String name : QPID_LOGGERS) {
                ch.qos.logback.classic.Logger logger = context.getLogger(name);
                if (logger.getLevel() == null) {
                    logger.setLevel(Level.WARN);
                }
            }
        }
    }
}
