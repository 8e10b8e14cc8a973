package io.vmrules.rules.replay;

import io.vmrules.rules.eval.RangeSeries;
import java.util.List;

/**
 * Port: stores series replay produced (each with its points, the metric name in its labels), and
 * returns only once they are stored. Unlike the engine's {@link
 * io.vmrules.rules.eval.SeriesWriter}, which queues and drops, a replay must know what was written
 * before it moves on: that is what makes the point it reached exact.
 */
@FunctionalInterface
public interface SampleWriter {
  /**
   * @throws WriteException when the samples could not be stored
   */
  void write(List<RangeSeries> series);

  /** The target refused the samples or could not be reached. */
  final class WriteException extends RuntimeException {
    private final boolean retryable;

    public WriteException(String message, boolean retryable) {
      super(message);
      this.retryable = retryable;
    }

    /** Whether trying again may help (connection errors, 5xx, 429); other 4xx will not. */
    public boolean retryable() {
      return retryable;
    }
  }
}
