package io.vmrules.rules.run;

import io.vmrules.rules.schedule.SharedGroupState;
import java.util.Map;

/**
 * Cluster mode as the engine sees it (implemented by the rules-cluster module): a Quartz job store
 * every engine of the cluster shares, so each slot fires on one of them, and the group state they
 * share, so a group continues wherever its next slot fires.
 */
public interface Cluster extends AutoCloseable {
  /** Quartz properties of the clustered job store. */
  Map<String, String> jobStore();

  /** The state groups load before and store after each evaluation. */
  SharedGroupState groupState();

  /**
   * Whether the shared store answers now: an engine that cannot reach it takes no slots and is not
   * ready ({@code /-/ready} answers 503) until it can.
   */
  boolean reachable();

  /** How old the cluster's state in this engine's API and UI may be. */
  java.time.Duration refreshInterval();

  /**
   * The dispatcher's bookkeeping (resend delay, resolved once), shared with the group state; given
   * at start, before the first evaluation.
   */
  default void attach(io.vmrules.rules.notify.NotificationLedger ledger) {}

  /**
   * What each group wrote last (for its staleness markers), shared with the group state; given at
   * start, before the first evaluation.
   */
  default void attach(io.vmrules.rules.reload.SeriesLedger series) {}

  /** This engine's id in the cluster. */
  String instanceId();

  @Override
  void close();
}
