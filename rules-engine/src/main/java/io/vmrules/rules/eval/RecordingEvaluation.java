package io.vmrules.rules.eval;

import java.util.List;

/** The outcome of one recording-rule evaluation: the series to write, or the error. */
public record RecordingEvaluation(List<Sample> series, String error) {
  public RecordingEvaluation {
    series = List.copyOf(series);
  }

  public static RecordingEvaluation ok(List<Sample> series) {
    return new RecordingEvaluation(series, null);
  }

  public static RecordingEvaluation failed(String error) {
    return new RecordingEvaluation(List.of(), error);
  }

  public boolean failed() {
    return error != null;
  }
}
