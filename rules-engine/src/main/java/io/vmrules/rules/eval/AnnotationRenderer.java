package io.vmrules.rules.eval;

/**
 * Port: expands the Go templates of annotations and rule labels; {@link GoTemplateRenderer} is the
 * template engine behind it.
 */
@FunctionalInterface
public interface AnnotationRenderer {
  /**
   * Expands one template. A template that fails to expand gives a text that says so (as Prometheus
   * does), never an exception.
   */
  String render(String template, TemplateData data);
}
