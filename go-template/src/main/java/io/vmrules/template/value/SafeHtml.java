package io.vmrules.template.value;

import java.util.Objects;

/** Go's {@code html/template.HTML}: a string the author marked as safe, printed as is. */
public record SafeHtml(String html) {
  public SafeHtml {
    Objects.requireNonNull(html, "html");
  }

  @Override
  public String toString() {
    return html;
  }
}
