package io.vmrules.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server from Debian's {@code postgresql} package: {@code initdb} in a
 * temporary directory, {@code pg_ctl} on a free 127.0.0.1 port, trust authentication for the {@code
 * postgres} user; as root, the server runs as the {@code postgres} user ({@code runuser}), which
 * owns the directory. Stopped and removed by {@link #close}.
 */
public final class PostgresProcess implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgres;

  private PostgresProcess(Path bin, Path dir, int port, boolean asPostgres) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /** Starts a fresh server; skips the test (fails it under CI=true) without the package. */
  public static PostgresProcess start() throws IOException, InterruptedException {
    Path bin = serverBinaries();
    if (bin == null) {
      String message = "PostgreSQL is not installed (Debian package postgresql)";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      assumeTrue(false, message);
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("pg-test");
    if (root) {
      run(List.of("chown", "postgres:postgres", dir.toString()), false);
    }
    PostgresProcess pg = new PostgresProcess(bin, dir, FreePort.pick(), root);
    pg.run(
        pg.command(
            "initdb",
            "-D",
            dir.resolve("data").toString(),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8"));
    pg.startServer();
    return pg;
  }

  private static Path serverBinaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(Path::toString))
          .orElse(null);
    }
  }

  /** Starts the server (again, after {@link #stopServer}) on the same port and data. */
  public void startServer() throws IOException, InterruptedException {
    run(
        command(
            "pg_ctl",
            "-D",
            dir.resolve("data").toString(),
            "-l",
            dir.resolve("log").toString(),
            "-w",
            "-t",
            "30",
            "-o",
            "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
            "start"));
  }

  /** Stops the server fast (connections are cut), keeping its data. */
  public void stopServer() throws IOException, InterruptedException {
    run(command("pg_ctl", "-D", dir.resolve("data").toString(), "-w", "-m", "fast", "stop"));
  }

  public int port() {
    return port;
  }

  /** The JDBC URL of the {@code postgres} database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public String user() {
    return "postgres";
  }

  private List<String> command(String tool, String... args) {
    List<String> c = new ArrayList<>();
    if (asPostgres) {
      c.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    c.add(bin.resolve(tool).toString());
    c.addAll(List.of(args));
    return c;
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    run(command, true);
  }

  private static void run(List<String> command, boolean check)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0 && check) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
  }

  @Override
  public void close() throws IOException {
    try {
      stopServer();
    } catch (IOException | InterruptedException e) {
      // already stopped
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
