package io.vmrules.dashboards.provisioning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * Writes the provisioning files into a directory (argument; default {@code provisioning}), removing
 * generated files that are no longer produced. Exit 1 when a dashboard fails its checks.
 */
public final class GenerateProvisioning {
  private GenerateProvisioning() {}

  public static void main(String[] args) {
    Path root = Path.of(args.length > 0 ? args[0] : "provisioning");
    SortedMap<String, String> files;
    try {
      files = Provisioning.files();
    } catch (Provisioning.CheckFailed e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    try {
      int removed = removeStale(root, files);
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = root.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
      }
      System.out.println(
          "wrote "
              + files.size()
              + " files under "
              + root
              + (removed > 0 ? " (removed " + removed + " stale)" : ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes json/yaml files under {@code root} that are not in {@code files}. */
  static int removeStale(Path root, Map<String, String> files) throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    List<Path> stale;
    try (Stream<Path> walk = Files.walk(root)) {
      stale =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".yaml"))
              .filter(p -> !files.containsKey(relative(root, p)))
              .toList();
    }
    for (Path p : stale) {
      Files.delete(p);
    }
    return stale.size();
  }

  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }
}
