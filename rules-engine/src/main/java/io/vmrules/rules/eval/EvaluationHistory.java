package io.vmrules.rules.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The latest {@link #CAPACITY} evaluations of one rule: a bounded buffer in which the newest
 * evaluation pushes out the oldest. It is immutable, so the API and the UI read it without a lock
 * while the group's thread evaluates: {@link #plus} copies at most {@link #CAPACITY} references,
 * the same cost at every evaluation.
 */
public final class EvaluationHistory {
  /** How many evaluations a rule keeps. */
  public static final int CAPACITY = 20;

  private static final EvaluationHistory EMPTY = new EvaluationHistory(new EvaluationRecord[0]);

  private final EvaluationRecord[] records; // oldest first

  private EvaluationHistory(EvaluationRecord[] records) {
    this.records = records;
  }

  public static EvaluationHistory empty() {
    return EMPTY;
  }

  /** This history with {@code record} as the newest evaluation, the oldest dropped when full. */
  public EvaluationHistory plus(EvaluationRecord record) {
    int kept = Math.min(records.length, CAPACITY - 1);
    EvaluationRecord[] next = new EvaluationRecord[kept + 1];
    System.arraycopy(records, records.length - kept, next, 0, kept);
    next[kept] = record;
    return new EvaluationHistory(next);
  }

  public int size() {
    return records.length;
  }

  /** The records, the newest first. */
  public List<EvaluationRecord> newestFirst() {
    List<EvaluationRecord> out = new ArrayList<>(records.length);
    for (int i = records.length - 1; i >= 0; i--) {
      out.add(records[i]);
    }
    return Collections.unmodifiableList(out);
  }
}
