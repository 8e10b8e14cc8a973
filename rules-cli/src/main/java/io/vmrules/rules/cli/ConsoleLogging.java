package io.vmrules.rules.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;

/**
 * The CLI's logging, set up in code (logback finds it through {@code META-INF/services}): INFO and
 * above to stderr as {@code 2026-01-02T03:04:05.678Z INFO RuleEngine: message}, with Quartz, okhttp
 * and cluster mode's Flyway and HikariCP at WARN (their start-up chatter). The same from a {@code
 * logback.xml} loads logback's XML configurator and a SAX parser, some 500 classes that {@code
 * rules run} then keeps mapped for nothing.
 *
 * <p>{@code -Dlogback.configurationFile=FILE} still configures logback from that file instead, and
 * a {@code logback-test.xml} on the class path (tests) wins too.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n";

  /** Loggers kept at WARN. */
  static final List<String> QUIET =
      List.of("org.quartz", "okhttp3", "org.flywaydb", "com.zaxxer.hikari");

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (configuredElsewhere()) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    setUp(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** A configuration file given or a test configuration present: logback reads that instead. */
  static boolean configuredElsewhere() {
    return System.getProperty("logback.configurationFile") != null
        || ConsoleLogging.class.getClassLoader().getResource("logback-test.xml") != null;
  }

  static void setUp(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(stderr);
    for (String name : QUIET) {
      context.getLogger(name).setLevel(Level.WARN);
    }
  }
}
