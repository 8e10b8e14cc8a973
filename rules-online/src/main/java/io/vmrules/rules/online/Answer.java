package io.vmrules.rules.online;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the datasource answered, bounded: at most {@link Question#keep} values or label sets are
 * held; {@code total} counts them all.
 *
 * @param values label names or values (label questions)
 * @param series label sets of the result series, {@code __name__} included (query questions)
 * @param total how many values or series the answer held
 * @param current series of a range query with a sample at its last step (the vector's series for an
 *     instant query)
 * @param seriesFetched series the datasource read to answer (from VictoriaMetrics' query trace or
 *     its {@code stats}); -1 when it did not say
 * @param took the time from sending the question to the end of the answer
 */
public record Answer(
    List<String> values,
    List<Map<String, String>> series,
    long total,
    long current,
    long seriesFetched,
    Duration took) {
  public Answer {
    values = List.copyOf(values);
    series = List.copyOf(series);
  }

  public boolean isEmpty() {
    return total == 0;
  }

  /** Whether every value or series of the answer is held (none was dropped by the bound). */
  public boolean complete() {
    return total == values.size() + series.size();
  }
}
