package io.vmrules.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash must never look like success to CI: an Error ends in exit 3 with a message. */
class FatalErrorTest {
  @TempDir Path dir;

  @Test
  void runningOutOfMemoryExitsThreeWithAHint() throws Exception {
    StringBuilder y = new StringBuilder("groups:\n  - name: big\n    rules:\n");
    for (int i = 0; i < 20_000; i++) {
      y.append("      - record: job:r")
          .append(i)
          .append(":sum\n        expr: sum(job:r")
          .append((i + 1) % 20_000)
          .append(":sum) by (a, b, c)\n");
    }
    Path file = dir.resolve("big.yml");
    Files.writeString(file, y, StandardCharsets.UTF_8);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx8m",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "validate",
                    "--format",
                    "json",
                    file.toString()))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isEqualTo(3);
    assertThat(err)
        .contains("internal error")
        .contains("OutOfMemoryError")
        .contains("RULES_JAVA_OPTS");
  }
}
