package io.vmrules.template;

import java.util.List;

/**
 * What a template reads from the alert, for lints: where it uses the sample value ({@code $value},
 * {@code .Value}) and which labels it reads ({@code $labels.x}, {@code .Labels.x}, {@code index
 * $labels "x"}). Offsets are in the template text.
 */
public record TemplateFacts(List<Integer> valueOffsets, List<LabelRef> labelRefs) {
  /** One label read, at an offset. */
  public record LabelRef(String name, int offset) {}

  public static final TemplateFacts NONE = new TemplateFacts(List.of(), List.of());

  public TemplateFacts {
    valueOffsets = List.copyOf(valueOffsets);
    labelRefs = List.copyOf(labelRefs);
  }

  public boolean usesValue() {
    return !valueOffsets.isEmpty();
  }
}
