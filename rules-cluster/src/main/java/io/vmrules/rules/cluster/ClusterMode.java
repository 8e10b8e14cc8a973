package io.vmrules.rules.cluster;

import io.vmrules.rules.run.Cluster;
import io.vmrules.rules.schedule.SharedGroupState;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * {@code rules run --cluster.db.url …}: the database opened and migrated, Quartz's clustered JDBC
 * job store ({@code JobStoreTX}, {@code PostgreSQLDelegate}, an explicit check-in interval) on its
 * pool, and the shared group state. Every engine of the cluster runs with the same rule files.
 */
public final class ClusterMode implements Cluster {
  /** The name every engine of a cluster gives its scheduler: Quartz groups nodes by it. */
  static final String SCHEDULER_NAME = "vmrules";

  private final ClusterDatabase db;
  private final String instanceId;
  private final Duration checkinInterval;
  private final ClusterSharedState state;
  private final String dataSourceName;

  private ClusterMode(ClusterDatabase db, String instanceId, Duration checkinInterval) {
    this.db = db;
    this.instanceId = instanceId;
    this.checkinInterval = checkinInterval;
    ClusterMembers members = new ClusterMembers(db.dataSource(), java.time.InstantSource.system());
    this.state =
        new ClusterSharedState(new GroupStateStore(db.dataSource()), instanceId, members::alive);
    this.dataSourceName = "vmrules-" + instanceId;
  }

  /**
   * Opens and migrates the database and registers its pool with Quartz.
   *
   * @throws ClusterStoreException when the database cannot be reached or migrated
   */
  public static ClusterMode start(
      ClusterDatabase.Settings settings, String instanceId, Duration checkinInterval) {
    ClusterDatabase db = ClusterDatabase.open(settings, 8);
    try {
      db.migrate();
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    ClusterMode mode = new ClusterMode(db, instanceId, checkinInterval);
    DBConnectionManager.getInstance()
        .addConnectionProvider(
            mode.dataSourceName,
            new ConnectionProvider() {
              @Override
              public Connection getConnection() throws SQLException {
                return db.dataSource().getConnection();
              }

              @Override
              public void shutdown() {
                // the pool is closed with the engine
              }

              @Override
              public void initialize() {
                // the pool exists already
              }
            });
    return mode;
  }

  /** The default instance id: the host name and a random suffix. */
  public static String defaultInstanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "engine";
    }
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    return host + "-" + HexFormat.of().formatHex(suffix);
  }

  @Override
  public Map<String, String> jobStore() {
    return Map.ofEntries(
        Map.entry("org.quartz.scheduler.instanceName", SCHEDULER_NAME),
        Map.entry("org.quartz.scheduler.instanceId", instanceId),
        Map.entry("org.quartz.jobStore.class", ClusterJobStore.class.getName()),
        Map.entry(
            "org.quartz.jobStore.driverDelegateClass",
            "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"),
        Map.entry("org.quartz.jobStore.dataSource", dataSourceName),
        Map.entry("org.quartz.jobStore.tablePrefix", "QRTZ_"),
        Map.entry("org.quartz.jobStore.useProperties", "true"),
        Map.entry("org.quartz.jobStore.isClustered", "true"),
        // three times per interval: with ClusterJobStore's grace of one Quartz check-in, a dead
        // engine's groups move within one --cluster.checkinInterval plus a slot (CheckinTiming)
        Map.entry(
            "org.quartz.jobStore.clusterCheckinInterval",
            Long.toString(CheckinTiming.of(checkinInterval).quartzCheckinMillis())),
        // Quartz's default: acquiring one trigger at a time (no batch acquisition) needs no row
        // lock, since the WAITING -> ACQUIRED update only succeeds on one engine; firing and
        // completing still take the TRIGGER_ACCESS lock
        Map.entry("org.quartz.jobStore.acquireTriggersWithinLock", "false"),
        // A scheduler thread that finds no trigger to take (the others hold them all, or won the
        // race for each) sleeps this long before it looks again, unless its own engine changes
        // something: Quartz's 30 s left an engine that restarted into a busy cluster idle for
        // 20-30 s (ClusterIT). At the check-in pace an idle engine asks once per check-in.
        Map.entry(
            "org.quartz.scheduler.idleWaitTime",
            Long.toString(Math.max(1000, CheckinTiming.of(checkinInterval).quartzCheckinMillis()))),
        // after a lost database, try again at the check-in pace rather than Quartz's 15 s
        Map.entry(
            "org.quartz.jobStore.dbRetryInterval", Long.toString(checkinInterval.toMillis())));
  }

  private volatile long checkedAt;
  private volatile boolean lastReachable = true;

  /** Asks the database at most once a second (readiness probes may come more often). */
  @Override
  public boolean reachable() {
    long now = System.nanoTime();
    if (now - checkedAt < 1_000_000_000L) {
      return lastReachable;
    }
    boolean ok;
    try (Connection c = db.dataSource().getConnection()) {
      ok = c.isValid(2);
    } catch (SQLException e) {
      ok = false;
    }
    lastReachable = ok;
    checkedAt = System.nanoTime();
    return ok;
  }

  @Override
  public void attach(io.vmrules.rules.notify.NotificationLedger ledger) {
    state.attach(ledger);
  }

  @Override
  public void attach(io.vmrules.rules.reload.SeriesLedger series) {
    state.attach(series);
  }

  @Override
  public SharedGroupState groupState() {
    return state;
  }

  @Override
  public Duration refreshInterval() {
    return checkinInterval;
  }

  @Override
  public String instanceId() {
    return instanceId;
  }

  @Override
  public void close() {
    db.close();
  }
}
