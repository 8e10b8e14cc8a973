package io.vmrules.rules.model;

import java.util.List;
import java.util.Objects;

/**
 * One rule file after loading: its groups (those that could be read) and the problems found in its
 * structure. {@code lines} is the file's text split into lines, for showing context.
 */
public record LoadedFile(
    String path, List<LoadedGroup> groups, List<Finding> findings, List<String> lines) {
  public LoadedFile {
    Objects.requireNonNull(path);
    groups = List.copyOf(groups);
    findings = List.copyOf(findings);
    lines = lines instanceof SourceLines ? lines : List.copyOf(lines);
  }
}
