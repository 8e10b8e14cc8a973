package io.vmrules.rules.eval;

import java.util.List;

/**
 * Port: accepts series the engine produced (recording results, {@code ALERTS}, {@code
 * ALERTS_FOR_STATE}). Each sample's labels hold the metric name. Implementations may buffer and
 * must not block evaluation for long; they drop (and count) what they cannot keep.
 */
@FunctionalInterface
public interface SeriesWriter {
  /** A writer that discards everything, for when no {@code --remoteWrite.url} is set. */
  SeriesWriter DISCARD = samples -> {};

  void write(List<Sample> samples);
}
