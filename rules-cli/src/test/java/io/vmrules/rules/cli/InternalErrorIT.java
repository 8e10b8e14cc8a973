package io.vmrules.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Error (here: the heap runs out) is exit 3 with a message and a hint, never exit 0 with empty
 * output, which CI reads as a pass. Through {@code bin/rules}, with a heap far too small.
 */
class InternalErrorIT {
  @TempDir Path tmp;

  @Test
  void outOfMemoryIsExitThreeWithAHint() throws Exception {
    StringBuilder b = new StringBuilder("groups:\n  - name: g\n    rules:\n");
    for (int i = 0; i < 60_000; i++) {
      b.append("      - record: job:r")
          .append(i)
          .append(":sum\n        expr: sum(job:r")
          .append(i + 1)
          .append(":sum)\n");
    }
    Path file = tmp.resolve("large.yml");
    Files.writeString(file, b, StandardCharsets.UTF_8);
    Path launcher = Path.of("..", "bin", "rules").toAbsolutePath().normalize();
    ProcessBuilder pb =
        new ProcessBuilder(launcher.toString(), "validate", "--format", "json", file.toString());
    pb.environment().put("RULES_JAVA_OPTS", "-XX:+UseSerialGC -Xmx16m");
    Process p = pb.start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    assertThat(p.waitFor()).isEqualTo(3);
    assertThat(out).isEmpty();
    assertThat(err.get())
        .startsWith("rules: internal error: java.lang.OutOfMemoryError")
        .contains("RULES_JAVA_OPTS")
        .doesNotContain("\tat ");
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
