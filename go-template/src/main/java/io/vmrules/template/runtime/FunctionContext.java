package io.vmrules.template.runtime;

/** What a template function may use during one render besides its arguments. */
public interface FunctionContext {
  RenderContext data();

  /** Runs an instant query through the injected function, counting it against the limit. */
  java.util.List<QuerySample> query(String expr);

  /** Renders a template defined in the same text ({@code tmpl}). */
  String executeTemplate(String name, Object dot);

  /** The cap on any string a function builds. */
  int maxStringLength();
}
