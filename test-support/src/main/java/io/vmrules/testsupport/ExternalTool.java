package io.vmrules.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real peer binary (promtool, vmalert…) found on the PATH. Missing binaries skip the test with a
 * message, except under CI=true, where they fail it: CI installs them, so absence is a bug.
 */
public record ExternalTool(Path path) {
  public static ExternalTool require(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return new ExternalTool(p);
      }
    }
    String message = name + " is not installed (Debian package: see scripts/ensure-deps.sh)";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(message);
    }
    assumeTrue(false, message);
    return null;
  }

  /** Exit code and combined output of one run. */
  public record Result(int exitCode, String output) {}

  public Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(path.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(path + " did not finish");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
