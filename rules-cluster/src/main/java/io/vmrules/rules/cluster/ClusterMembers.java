package io.vmrules.rules.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import javax.sql.DataSource;

/**
 * The engines of the cluster that are alive, read from Quartz's check-ins: an engine checks in
 * every third of {@code --cluster.checkinInterval}, and the one that takes over a dead engine's
 * triggers deletes its row.
 */
final class ClusterMembers {
  private final DataSource db;
  private final InstantSource clock;

  ClusterMembers(DataSource db, InstantSource clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Whether {@code instanceId} checked in recently enough that no other engine would fail it yet
   * ({@link CheckinTiming#failedIfAfter}).
   */
  boolean alive(String instanceId) {
    String sql =
        "SELECT last_checkin_time, checkin_interval FROM qrtz_scheduler_state"
            + " WHERE sched_name = ? AND instance_name = ?";
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, ClusterMode.SCHEDULER_NAME);
      s.setString(2, instanceId);
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            && clock.millis() <= CheckinTiming.failedIfAfter(r.getLong(1), r.getLong(2), 0);
      }
    } catch (SQLException e) {
      throw new ClusterStoreException("reading the cluster's engines: " + e.getMessage(), e);
    }
  }
}
