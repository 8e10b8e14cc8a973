package io.vmrules.rules.load;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.LoadedFile;
import io.vmrules.rules.model.LoadedGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a Prometheus/vmalert rule file: its bytes decoded ({@link RuleFileText}), its YAML read
 * ({@link YamlDocuments}: {@link BlockYaml} or snakeyaml), then walked ({@link RuleFileWalker}) so
 * every structural problem gets a line and column, and every problem of the file is reported, not
 * just the first. The groups and rules that could be read are returned alongside, for the
 * expression and template checks.
 */
public final class RuleFileLoader {
  private final Dialect dialect;

  public RuleFileLoader(Dialect dialect) {
    this.dialect = dialect;
  }

  /** Loads {@code bytes} read from the file shown as {@code file}. */
  public LoadedFile load(String file, byte[] bytes) {
    return load(file, bytes, group -> {});
  }

  /** Loads a file, handing each group to {@code onGroup} as soon as it is read (in file order). */
  public LoadedFile load(String file, byte[] bytes, Consumer<LoadedGroup> onGroup) {
    List<Finding> findings = new ArrayList<>();
    RuleFileText.Decoded decoded = RuleFileText.decode(file, bytes);
    if (decoded instanceof RuleFileText.Decoded.Unreadable unreadable) {
      findings.add(unreadable.error());
      return new LoadedFile(file, List.of(), findings, List.of());
    }
    String text = ((RuleFileText.Decoded.Text) decoded).text();
    return new RuleFileWalker(file, text, dialect, findings).walk(onGroup);
  }
}
