package io.vmrules.promql.labels;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What labels the series of an expression's result can carry: a closed set (exactly these may
 * appear) or an open one (any label except the ones listed).
 */
public record LabelSet(boolean open, Set<String> names) {
  /** Any label at all: what a selector gives. */
  public static final LabelSet ANY = new LabelSet(true, Set.of());

  /** No label at all: what a number or {@code sum(x)} gives. */
  public static final LabelSet NONE = new LabelSet(false, Set.of());

  public LabelSet {
    names = Set.copyOf(names);
  }

  public static LabelSet closed(Collection<String> names) {
    return new LabelSet(false, Set.copyOf(names));
  }

  public boolean mayHave(String label) {
    return open != names.contains(label);
  }

  /** Only these labels survive ({@code by}, {@code on}). */
  public LabelSet keep(Collection<String> labels) {
    TreeSet<String> out = new TreeSet<>(labels);
    if (open) {
      out.removeAll(names);
    } else {
      out.retainAll(names);
    }
    return closed(out);
  }

  /** These labels are removed ({@code without}, {@code ignoring}). */
  public LabelSet drop(Collection<String> labels) {
    TreeSet<String> out = new TreeSet<>(names);
    if (open) {
      out.addAll(labels);
    } else {
      out.removeAll(labels);
    }
    return new LabelSet(open, out);
  }

  /** These labels may be added ({@code label_replace}, {@code group_left(…)}). */
  public LabelSet add(Collection<String> labels) {
    TreeSet<String> out = new TreeSet<>(names);
    if (open) {
      out.removeAll(labels);
    } else {
      out.addAll(labels);
    }
    return new LabelSet(open, out);
  }

  /** Labels either side may carry ({@code or}). */
  public LabelSet union(LabelSet other) {
    if (!open && !other.open) {
      return add(other.names);
    }
    TreeSet<String> absent = new TreeSet<>();
    for (String l : open ? names : other.names) {
      if (!mayHave(l) && !other.mayHave(l)) {
        absent.add(l);
      }
    }
    return new LabelSet(true, absent);
  }
}
