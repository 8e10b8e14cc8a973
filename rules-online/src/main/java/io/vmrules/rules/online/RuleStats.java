package io.vmrules.rules.online;

import java.time.Duration;

/**
 * What the online checks measured of one rule's own query ({@code --online.stats}).
 *
 * @param alertsNow series of an alerting rule's result at the last step; -1 for recording rules
 * @param alertsOverLookback distinct series over the lookback; -1 for recording rules
 * @param seriesFetched series the datasource read for it (-1: it did not say)
 * @param took the query's time (an alerting rule's: the range query over the lookback)
 */
public record RuleStats(
    String file,
    String group,
    String rule,
    long alertsNow,
    long alertsOverLookback,
    long seriesFetched,
    Duration took) {}
