package io.vmrules.rules.lint;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.labels.LabelSet;
import io.vmrules.promql.labels.OutputLabels;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.Finding.Level;
import io.vmrules.rules.model.TextPositions;
import io.vmrules.template.FunctionSet;
import io.vmrules.template.Template;
import io.vmrules.template.TemplateError;
import io.vmrules.template.TemplateFacts;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an alert's label and annotation templates with the template engine: every template parses
 * and names only known functions and variables (errors, placed at the offending token in the rule
 * file), and calls them with the right number of arguments (a warning: Go finds that only when the
 * template runs, and promtool and vmalert load the file). Two more warnings: a label template that
 * uses the value (every value change makes a new alert), and {@code $labels.x} where the
 * expression's result cannot carry {@code x}. Runs even when the expression has errors; the label
 * check then has nothing to go on and is skipped.
 *
 * <p>One instance serves a whole run, on every thread: a template's check depends only on its text
 * and the dialect, and rule files repeat the same templates over and over (a summary or runbook
 * line per alert), so each distinct text is checked once.
 */
public final class TemplateLint {
  /** Labels an alert always has besides its series' ones. */
  private static final Set<String> ALWAYS = Set.of("alertname", "alertgroup", "alertstate");

  /** Distinct templates remembered; beyond that, templates are checked each time they appear. */
  private static final int MAX_REMEMBERED = 4096;

  private final FunctionSet functions;
  private final Map<String, Template.Check> checks = new ConcurrentHashMap<>();

  public TemplateLint(Dialect dialect) {
    this.functions = dialect == Dialect.PROMQL ? FunctionSet.prometheus() : FunctionSet.vmalert();
  }

  public void check(RuleContext rule) {
    if (!(rule.rule().spec() instanceof AlertingRuleSpec alert)) {
      return; // recording rules' labels are not templates
    }
    ResultLabels output = new ResultLabels(rule);
    Set<String> ruleLabels = new HashSet<>(alert.labels().keySet());
    for (Map.Entry<String, String> label : alert.labels().entrySet()) {
      TextPositions at = rule.rule().labels().get(label.getKey());
      Template.Check check = check(rule, "label", label.getKey(), label.getValue(), at);
      if (check != null && check.facts().usesValue()) {
        rule.add(
            at.at(check.facts().valueOffsets().get(0)),
            Level.WARNING,
            LintCodes.LABEL_TEMPLATE_VALUE,
            "label \""
                + label.getKey()
                + "\" uses the alert value: every change of the value makes a new alert;"
                + " move it to an annotation");
      }
      missingLabels(rule, check, at, output, ruleLabels);
    }
    for (Map.Entry<String, String> annotation : alert.annotations().entrySet()) {
      TextPositions at = rule.rule().annotations().get(annotation.getKey());
      Template.Check check =
          check(rule, "annotation", annotation.getKey(), annotation.getValue(), at);
      missingLabels(rule, check, at, output, ruleLabels);
    }
  }

  /** Reports the template's errors; returns the check, or null when there is no template. */
  private Template.Check check(
      RuleContext rule, String kind, String key, String text, TextPositions at) {
    if (text == null || !text.contains("{{") || at == null) {
      return null;
    }
    Template.Check check = checked(text);
    for (TemplateError e : check.errors()) {
      // Errors are what promtool and vmalert refuse when they load the file (Go's parser: syntax,
      // unknown functions, undeclared variables). A wrong argument count fails only when the
      // template runs, and a template called by name may be defined elsewhere (vmalert's
      // -rule.templates)
      // files: warnings (errors under --strict), since both tools load such files.
      boolean loadsFine =
          e.code().equals(TemplateError.ARITY) || e.code().equals(TemplateError.UNDEFINED_TEMPLATE);
      Level level = loadsFine ? Level.WARNING : Level.ERROR;
      rule.add(at.at(e.offset()), level, e.code(), kind + " \"" + key + "\": " + e.message());
    }
    return check;
  }

  /** The check of a template text: remembered, as the check is a pure function of the text. */
  private Template.Check checked(String text) {
    Template.Check check = checks.get(text);
    if (check == null) {
      check = Template.check(text, functions);
      if (checks.size() < MAX_REMEMBERED) {
        checks.put(text, check);
      }
    }
    return check;
  }

  private static void missingLabels(
      RuleContext rule,
      Template.Check check,
      TextPositions at,
      ResultLabels output,
      Set<String> ruleLabels) {
    if (check == null || rule.expr() == null) {
      return;
    }
    Set<String> reported = new HashSet<>();
    for (TemplateFacts.LabelRef ref : check.facts().labelRefs()) {
      String name = ref.name();
      if (ruleLabels.contains(name)
          || ALWAYS.contains(name)
          || output.get().mayHave(name)
          || !reported.add(name)) {
        continue;
      }
      rule.add(
          at.at(ref.offset()),
          Level.WARNING,
          LintCodes.TEMPLATE_LABEL_MISSING,
          "the expression's result has no label \""
              + name
              + "\" (it is aggregated away), so $labels."
              + name
              + " is always empty");
    }
  }

  /**
   * The labels the expression's result may carry, worked out on the first question: most templates
   * name only labels the rule sets itself, or none.
   */
  private static final class ResultLabels {
    private final RuleContext rule;
    private LabelSet labels;

    ResultLabels(RuleContext rule) {
      this.rule = rule;
    }

    LabelSet get() {
      if (labels == null) {
        labels = OutputLabels.of(rule.expr());
      }
      return labels;
    }
  }
}
