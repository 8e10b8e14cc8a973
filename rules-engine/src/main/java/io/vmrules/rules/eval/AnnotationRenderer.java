package io.vmrules.rules.eval;

/**
 * Port: expands the Go templates of annotations and rule labels. The template engine plugs in
 * here; until then {@link PlaceholderRenderer} handles the common placeholders.
 */
@FunctionalInterface
public interface AnnotationRenderer {
  /**
   * Expands one template. A template that fails to expand gives a text that says so (as Prometheus
   * does), never an exception.
   */
  String render(String template, TemplateData data);
}
