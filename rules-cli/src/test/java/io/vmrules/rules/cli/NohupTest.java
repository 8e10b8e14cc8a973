package io.vmrules.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Under nohup SIGHUP cannot reload (the JVM installs no handler for an ignored signal): say so. */
class NohupTest {
  @Test
  void startedUnderNohupTheEngineSaysSighupCannotReload() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    "nohup",
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "run",
                    "--rule",
                    ValidateCommandTest.GOOD,
                    "--datasource.url",
                    "http://127.0.0.1:1",
                    "--httpListenAddr",
                    "127.0.0.1:0"))
            .redirectErrorStream(true)
            .start();
    try {
      CompletableFuture<Boolean> warned =
          CompletableFuture.supplyAsync(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.contains("SIGHUP was ignored when rules started")) {
                      return true;
                    }
                  }
                  return false;
                } catch (java.io.IOException e) {
                  return false;
                }
              });
      assertThat(warned.get(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
  }
}
