package io.vmrules.rules.eval;

import java.util.Objects;

/**
 * The outcome of one alerting-rule evaluation: the next state, and the error when the rule failed
 * (then {@code state} is the previous state, or empty when the limit was exceeded).
 */
public record AlertEvaluation(AlertRuleState state, String error) {
  public AlertEvaluation {
    Objects.requireNonNull(state, "state");
  }

  public static AlertEvaluation ok(AlertRuleState state) {
    return new AlertEvaluation(state, null);
  }

  public static AlertEvaluation failed(AlertRuleState state, String error) {
    return new AlertEvaluation(state, Objects.requireNonNull(error));
  }

  public boolean failed() {
    return error != null;
  }
}
