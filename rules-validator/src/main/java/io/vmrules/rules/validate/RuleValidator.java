package io.vmrules.rules.validate;

import io.vmrules.promql.Diagnostic;
import io.vmrules.promql.Dialect;
import io.vmrules.promql.ParseResult;
import io.vmrules.promql.PromQL;
import io.vmrules.promql.ValueType;
import io.vmrules.promql.ast.Expr;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.Finding.Level;
import io.vmrules.rules.model.LoadedRule;
import io.vmrules.rules.model.SourcePosition;
import java.util.ArrayList;
import java.util.List;

/** Compiles a rule's expression and places the compiler's diagnostics in the rule file. */
public final class RuleValidator {
  /** Rule-level code for an expression whose result cannot be a rule's result. */
  public static final String EXPR_TYPE = "rules.expr-type";

  /** The findings of one expression, and the expression when it compiled without errors. */
  public record Result(List<Finding> findings, Expr expr) {
    /** A rule whose expression is not PromQL or MetricsQL (Graphite, LogsQL): nothing to report. */
    public static final Result NOT_CHECKED = new Result(List.of(), null);
  }

  private final Dialect dialect;

  public RuleValidator(Dialect dialect) {
    this.dialect = dialect;
  }

  public Result checkRule(String group, LoadedRule rule) {
    String expr = rule.spec().expr();
    if (expr.isBlank()) {
      return new Result(List.of(), null);
    }
    List<Finding> out = new ArrayList<>();
    ParseResult result = PromQL.check(expr, dialect);
    String name = rule.spec().name();
    int end = expr.stripTrailing().length();
    for (Diagnostic d : result.diagnostics()) {
      // "unexpected end of input" points just after the last character, not past a block's newline.
      SourcePosition p =
          d.span().start() >= end && end > 0
              ? next(rule.expr().at(end - 1))
              : rule.expr().at(d.span().start());
      Level level = d.isError() ? Level.ERROR : Level.WARNING;
      out.add(Finding.at(p, level, d.code(), group, name, d.message()));
    }
    ValueType type = result.type();
    if (type == ValueType.RANGE_VECTOR || type == ValueType.STRING) {
      if (dialect == Dialect.PROMQL) {
        // Prometheus fails such a rule at every evaluation: an error, though promtool loads it.
        out.add(
            Finding.at(
                rule.expr().at(0),
                Level.ERROR,
                EXPR_TYPE,
                group,
                name,
                "a rule expression must give an instant vector or a scalar, got "
                    + type.description()));
        return new Result(out, null);
      }
      // VictoriaMetrics runs it: a range as default_rollup over its window, a string as nothing.
      out.add(
          Finding.at(
              rule.expr().at(0),
              Level.WARNING,
              EXPR_TYPE,
              group,
              name,
              type == ValueType.STRING
                  ? "the rule gives a string; VictoriaMetrics answers it with no series, so the rule"
                      + " never records or fires"
                  : "the rule gives a range vector; VictoriaMetrics evaluates it as default_rollup (the"
                      + " last sample within the window), as if written default_rollup(...)"));
    }
    return new Result(out, result.hasErrors() ? null : result.expr());
  }

  private static SourcePosition next(SourcePosition p) {
    return new SourcePosition(p.file(), p.line(), p.column() + 1);
  }
}
