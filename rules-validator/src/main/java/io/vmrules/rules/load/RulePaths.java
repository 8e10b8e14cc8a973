package io.vmrules.rules.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Expands the PATH arguments of the CLI: files, directories (recursively) and globs. */
public final class RulePaths {
  private static final List<String> EXTENSIONS = List.of(".yml", ".yaml", ".rules");

  /**
   * The files found, sorted and without repeats, and a message for each argument that found none.
   */
  public record Expansion(List<Path> files, List<String> problems) {}

  private RulePaths() {}

  public static Expansion expand(List<String> arguments) {
    TreeSet<Path> files = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (String argument : arguments) {
      try {
        List<Path> found = expandOne(argument);
        if (found.isEmpty()) {
          problems.add(
              isGlob(argument)
                  ? "no files match " + argument
                  : Files.isDirectory(Path.of(argument))
                      ? "no rule files (*.yml, *.yaml, *.rules) under " + argument
                      : "no such file or directory: " + argument);
        }
        files.addAll(found);
      } catch (IOException | UncheckedIOException | java.nio.file.InvalidPathException e) {
        problems.add("cannot read " + argument + ": " + e.getMessage());
      }
    }
    return new Expansion(List.copyOf(files), problems);
  }

  private static List<Path> expandOne(String argument) throws IOException {
    if (isGlob(argument)) {
      int cut = firstGlobChar(argument);
      int slash = argument.lastIndexOf('/', cut);
      Path base = slash < 0 ? Path.of(".") : Path.of(argument.substring(0, Math.max(1, slash)));
      if (!Files.isDirectory(base)) {
        return List.of();
      }
      String pattern = argument;
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      try (Stream<Path> walk = Files.walk(base)) {
        return walk.filter(Files::isRegularFile)
            .filter(p -> matcher.matches(slash < 0 ? base.relativize(p) : p))
            .map(p -> slash < 0 ? base.relativize(p) : p)
            .toList();
      }
    }
    Path path = Path.of(argument);
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        return walk.filter(Files::isRegularFile)
            .filter(p -> EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString().endsWith(e)))
            .toList();
      }
    }
    return Files.exists(path) ? List.of(path) : List.of();
  }

  private static boolean isGlob(String s) {
    return firstGlobChar(s) >= 0;
  }

  private static int firstGlobChar(String s) {
    for (int i = 0; i < s.length(); i++) {
      if ("*?[{".indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
