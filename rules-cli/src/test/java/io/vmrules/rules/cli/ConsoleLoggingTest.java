package io.vmrules.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class ConsoleLoggingTest {
  @Test
  void infoToStderrWithTheCliPatternAndChattyLibrariesAtWarn() {
    LoggerContext context = new LoggerContext();

    ConsoleLogging.setUp(context);

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    ConsoleAppender<ILoggingEvent> stderr =
        (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
    assertThat(stderr.isStarted()).isTrue();
    assertThat(stderr.getTarget()).isEqualTo("System.err");
    assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern())
        .isEqualTo("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n");
    for (String name :
        new String[] {"org.quartz", "okhttp3", "org.flywaydb", "com.zaxxer.hikari"}) {
      assertThat(context.getLogger(name).getEffectiveLevel()).as(name).isEqualTo(Level.WARN);
    }
    assertThat(context.getLogger("io.vmrules.rules.run.RuleEngine").getEffectiveLevel())
        .isEqualTo(Level.INFO);
  }

  @Test
  void linesReadAsTheyDidFromLogbackXml() {
    LoggerContext context = new LoggerContext();
    ConsoleLogging.setUp(context);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    ConsoleAppender<ILoggingEvent> stderr =
        (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
    ch.qos.logback.classic.spi.LoggingEvent e =
        new ch.qos.logback.classic.spi.LoggingEvent(
            Logger.FQCN,
            context.getLogger("io.vmrules.rules.run.RuleEngine"),
            Level.INFO,
            "started",
            null,
            null);
    e.setTimeStamp(0);

    String line = new String(stderr.getEncoder().encode(e), StandardCharsets.UTF_8);

    String offset = TimeZone.getDefault().getRawOffset() == 0 ? "Z" : "";
    assertThat(line).endsWith(" INFO  RuleEngine: started" + System.lineSeparator());
    assertThat(line)
        .matches(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"
                + (offset.isEmpty() ? "[+-]\\d\\d:\\d\\d" : "Z")
                + " .*\\R");
  }

  @Test
  void logbackFindsItAndTestsKeepTheirOwnFile() {
    assertThat(ServiceLoader.load(Configurator.class).stream().map(p -> p.type().getName()))
        .contains(ConsoleLogging.class.getName());
    // logback-test.xml is on the test class path: logback reads it rather than this set-up
    assertThat(ConsoleLogging.configuredElsewhere()).isTrue();
  }
}
