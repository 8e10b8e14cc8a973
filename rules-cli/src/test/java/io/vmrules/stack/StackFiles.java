package io.vmrules.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The stack's files (compose/, rules/, scripts/) found from the test's working directory. */
final class StackFiles {
  private StackFiles() {}

  /** The repository root: the nearest ancestor of the working directory holding compose/. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("compose/docker-compose.yml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no compose/docker-compose.yml above " + dir);
  }

  static Path compose() {
    return root().resolve("compose");
  }

  /** A YAML document as plain maps and lists, with `<<` merge keys applied (YAML 1.1 style). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Object doc =
          new Load(LoadSettings.builder().setLabel(file.toString()).build())
              .loadFromInputStream(in);
      return (Map<String, Object>) merged(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object merged(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      Object merge = map.get("<<");
      if (merge instanceof Map<?, ?> base) {
        out.putAll((Map<String, Object>) merged(base));
      } else if (merge instanceof List<?> bases) {
        // Earlier entries of a merge list win, so apply them last.
        for (int i = bases.size() - 1; i >= 0; i--) {
          out.putAll((Map<String, Object>) merged(bases.get(i)));
        }
      }
      map.forEach(
          (k, v) -> {
            if (!"<<".equals(k)) {
              out.put(String.valueOf(k), merged(v));
            }
          });
      return out;
    }
    if (node instanceof List<?> list) {
      return list.stream().map(StackFiles::merged).toList();
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o == null ? List.of() : (List<Object>) o;
  }
}
