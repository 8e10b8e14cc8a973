package io.vmrules.rules.cluster.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Quartz's PostgreSQL schema script, as the Quartz jar ships it, read into statements. */
public final class QuartzScript {
  static final String SCRIPT = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

  private QuartzScript() {}

  public static String load() throws IOException {
    try (InputStream in = QuartzScript.class.getClassLoader().getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IOException(SCRIPT + " is not on the class path (the Quartz jar)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The script's statements; comments, {@code DROP}s and the trailing {@code COMMIT} left out. */
  public static List<String> statements(String script) {
    StringBuilder text = new StringBuilder();
    for (String line : script.split("\n")) {
      String t = line.strip();
      if (t.startsWith("#") || t.startsWith("--")) {
        continue;
      }
      text.append(line).append('\n');
    }
    List<String> out = new ArrayList<>();
    for (String statement : text.toString().split(";")) {
      String t = statement.strip();
      String upper = t.toUpperCase(Locale.ROOT);
      if (t.isEmpty() || upper.startsWith("DROP ") || upper.equals("COMMIT")) {
        continue;
      }
      out.add(t);
    }
    return out;
  }
}
