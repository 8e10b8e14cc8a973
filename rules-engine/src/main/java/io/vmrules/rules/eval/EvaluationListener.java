package io.vmrules.rules.eval;

/**
 * Port: told of every finished group evaluation, on the evaluating thread, after the series were
 * handed to the {@link SeriesWriter}. The notifier and the API plug in here. Must not block long
 * and must not throw; an exception is logged by the caller and otherwise ignored.
 */
@FunctionalInterface
public interface EvaluationListener {
  EvaluationListener NONE = (group, evaluation) -> {};

  void evaluated(GroupSnapshot group, GroupEvaluation evaluation);
}
