package io.vmrules.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class VersionTest {
  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    assertThat(exit).isZero();
    assertThat(err.toString()).isEmpty();
    return out.toString();
  }

  @Test
  void theQuickPathPrintsWhatPicocliPrints() {
    StringWriter picocli = new StringWriter();
    Main.commandLine().printVersionHelp(new PrintWriter(picocli, true));
    assertThat(picocli.toString()).startsWith("rules ");
    assertThat(run("--version")).isEqualTo(picocli.toString());
    assertThat(run("-V")).isEqualTo(picocli.toString());
  }

  @Test
  void everySubcommandsVersionOptionPrintsTheVersion() {
    for (String command : new String[] {"validate", "run", "test", "replay"}) {
      assertThat(run(command, "--version")).as(command).isEqualTo(run("--version"));
    }
  }
}
