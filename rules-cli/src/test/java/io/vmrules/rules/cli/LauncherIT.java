package io.vmrules.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/rules} runs the shaded jar that {@code package} built (integration tests run after
 * it).
 */
class LauncherIT {
  @Test
  void versionComesFromTheJarManifest() throws Exception {
    Path launcher = Path.of("..", "bin", "rules").toAbsolutePath().normalize();
    Process p =
        new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).isZero();
    assertThat(out).isEqualTo("rules " + System.getProperty("project.version"));
  }
}
