package io.vmrules.template.runtime;

/**
 * Bounds on one render so that a hostile template cannot hang or exhaust the evaluator.
 *
 * @param maxOutputChars cap on the rendered text and on any intermediate string value
 * @param maxRangeIterations cap on the total number of {@code range} iterations in one render
 * @param maxQueries cap on {@code query} calls in one render
 * @param maxTemplateDepth cap on nested {@code template}/{@code tmpl} calls
 */
public record RenderLimits(
    int maxOutputChars, int maxRangeIterations, int maxQueries, int maxTemplateDepth) {
  public RenderLimits {
    if (maxOutputChars < 1 || maxRangeIterations < 0 || maxQueries < 0 || maxTemplateDepth < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** 64 KiB of output, 10 000 iterations, 5 queries, depth 32. */
  public static RenderLimits defaults() {
    return new RenderLimits(64 * 1024, 10_000, 5, 32);
  }

  public RenderLimits withMaxOutputChars(int value) {
    return new RenderLimits(value, maxRangeIterations, maxQueries, maxTemplateDepth);
  }

  public RenderLimits withMaxRangeIterations(int value) {
    return new RenderLimits(maxOutputChars, value, maxQueries, maxTemplateDepth);
  }

  public RenderLimits withMaxQueries(int value) {
    return new RenderLimits(maxOutputChars, maxRangeIterations, value, maxTemplateDepth);
  }

  public RenderLimits withMaxTemplateDepth(int value) {
    return new RenderLimits(maxOutputChars, maxRangeIterations, maxQueries, value);
  }
}
