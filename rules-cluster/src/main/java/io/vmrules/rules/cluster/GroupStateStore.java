package io.vmrules.rules.cluster;

import io.vmrules.rules.eval.AlertRuleState;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.notify.SentAlert;
import io.vmrules.rules.reload.SeriesLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The alert state of each rule group, shared by the engines of a cluster: read when an evaluation
 * starts, written when it ends, one row per group. A write names the version it read; if another
 * engine wrote in between, the write is refused and the caller drops its result (that engine's is
 * the newer), so a group that moves between engines never goes back in time.
 */
public final class GroupStateStore {
  private final DataSource db;

  public GroupStateStore(DataSource db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * A group's state as stored.
   *
   * @param version what a write that follows this read must name
   * @param lastSlot the slot of the evaluation that wrote it
   * @param engine the instance id of the engine that wrote it
   * @param rules each alerting rule's alerts, by rule key; null when the caller already holds this
   *     version (see {@link #load(String, long)})
   * @param series the series the last evaluation wrote; null when the caller holds this version or
   *     no engine stored them
   */
  public record Stored(
      long version,
      Instant lastSlot,
      String engine,
      Map<String, AlertRuleState> rules,
      String groupHash,
      Instant rulesLoadedAt,
      List<SentAlert> sent,
      List<Labels> series) {
    public Stored {
      sent = sent == null ? null : List.copyOf(sent);
      rules = rules == null ? null : Map.copyOf(rules);
      series = series == null ? null : List.copyOf(series);
    }
  }

  /**
   * A group key as PostgreSQL text, which cannot hold NUL (group keys join file and name with one):
   * backslashes doubled, NUL written {@code \0}.
   */
  static String rowKey(String groupKey) {
    return groupKey.replace("\\", "\\\\").replace("\u0000", "\\0");
  }

  /** The stored state of {@code groupKey}, or empty when no engine has written it yet. */
  public Optional<Stored> load(String groupKey) {
    return load(groupKey, -1);
  }

  /**
   * As {@link #load(String)}, without the alerts when the stored version is {@code knownVersion}:
   * the engine that wrote a group last, and keeps evaluating it, holds them already (decoding them
   * at every evaluation was most of cluster mode's cost).
   */
  public Optional<Stored> load(String groupKey, long knownVersion) {
    return load(groupKey, knownVersion, null);
  }

  /**
   * As {@link #load(String, long)}, also without the series when their fingerprint is {@code
   * knownSeries} (the caller holds that set already; null: it holds none).
   */
  public Optional<Stored> load(String groupKey, long knownVersion, Long knownSeries) {
    String sql =
        "SELECT version, last_slot, engine,"
            + " CASE WHEN version = ? THEN NULL ELSE state::text END, group_hash, rules_loaded_at,"
            + " CASE WHEN version = ? OR series_print = ? THEN NULL ELSE series END,"
            + " CASE WHEN version = ? THEN NULL ELSE sent END"
            + " FROM vmrules_group_state WHERE group_key = ?";
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, knownVersion);
      s.setLong(2, knownVersion);
      if (knownSeries == null) {
        s.setNull(3, java.sql.Types.BIGINT);
      } else {
        s.setLong(3, knownSeries);
      }
      s.setLong(4, knownVersion);
      s.setString(5, rowKey(groupKey));
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        Timestamp slot = r.getTimestamp(2);
        Timestamp loaded = r.getTimestamp(6);
        // once: the driver decodes the text again at every getString
        String document = r.getString(4);
        GroupStateCodec.Decoded state =
            document == null ? null : GroupStateCodec.decodeAll(document);
        String series = r.getString(7);
        // rows written before the sent column kept it in the state document
        String sent = r.getString(8);
        return Optional.of(
            new Stored(
                r.getLong(1),
                slot == null ? null : slot.toInstant(),
                r.getString(3),
                state == null ? null : state.rules(),
                r.getString(5),
                loaded == null ? null : loaded.toInstant(),
                sent != null
                    ? GroupStateCodec.decodeSent(sent)
                    : state == null ? null : state.sent(),
                series == null ? null : GroupStateCodec.decodeSeries(series)));
      }
    } catch (SQLException e) {
      throw new ClusterStoreException("reading group state: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the state an evaluation at {@code slot} produced, if the stored version is still {@code
   * readVersion} (0: nothing was stored).
   *
   * @return the new version, or empty when another engine wrote first (a stale writer)
   */
  public Optional<Long> save(
      String groupKey,
      long readVersion,
      Instant slot,
      String engine,
      Map<String, AlertRuleState> rules) {
    return save(groupKey, readVersion, slot, engine, rules, null, null, List.of(), null);
  }

  /**
   * As {@link #save(String, long, Instant, String, Map)}, recording which rules wrote it, what was
   * sent to Alertmanager for its alerts, and the series the evaluation wrote. A null {@code rules},
   * {@code sent} or {@code series} leaves what is stored (the caller knows it did not change); the
   * first write of a group needs {@code rules}.
   */
  public Optional<Long> save(
      String groupKey,
      long readVersion,
      Instant slot,
      String engine,
      Map<String, AlertRuleState> rules,
      String groupHash,
      Instant rulesLoadedAt,
      List<SentAlert> sent,
      List<Labels> series) {
    if (readVersion == 0 && rules == null) {
      throw new IllegalArgumentException("the first write of a group needs its alerts");
    }
    String json = rules == null ? null : GroupStateCodec.encode(rules, List.of());
    String sentJson = sent == null ? null : GroupStateCodec.encodeSent(sent);
    String seriesJson = series == null ? null : GroupStateCodec.encodeSeries(series);
    Long seriesPrint =
        series == null ? null : SeriesLedger.fingerprint(series.toArray(Labels[]::new));
    try (Connection c = db.getConnection()) {
      int rows;
      if (readVersion == 0) {
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO vmrules_group_state (group_key, version, last_slot, engine, state,"
                    + " group_hash, rules_loaded_at, series, sent, series_print)"
                    + " VALUES (?, 1, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (group_key) DO NOTHING")) {
          s.setString(1, rowKey(groupKey));
          s.setTimestamp(2, Timestamp.from(slot));
          s.setString(3, engine);
          s.setString(4, json);
          s.setString(5, groupHash);
          s.setTimestamp(6, rulesLoadedAt == null ? null : Timestamp.from(rulesLoadedAt));
          s.setString(7, seriesJson);
          s.setString(8, sentJson);
          s.setObject(9, seriesPrint, java.sql.Types.BIGINT);
          rows = s.executeUpdate();
        }
      } else {
        try (PreparedStatement s =
            c.prepareStatement(
                "UPDATE vmrules_group_state SET version = version + 1, last_slot = ?, engine = ?,"
                    + " state = coalesce(?::jsonb, state), group_hash = ?, rules_loaded_at = ?,"
                    + " series = coalesce(?, series), sent = coalesce(?, sent),"
                    + " series_print = coalesce(?, series_print), updated_at = now()"
                    + " WHERE group_key = ? AND version = ?")) {
          s.setTimestamp(1, Timestamp.from(slot));
          s.setString(2, engine);
          s.setString(3, json);
          s.setString(4, groupHash);
          s.setTimestamp(5, rulesLoadedAt == null ? null : Timestamp.from(rulesLoadedAt));
          s.setString(6, seriesJson);
          s.setString(7, sentJson);
          s.setObject(8, seriesPrint, java.sql.Types.BIGINT);
          s.setString(9, rowKey(groupKey));
          s.setLong(10, readVersion);
          rows = s.executeUpdate();
        }
      }
      return rows == 1 ? Optional.of(readVersion + 1) : Optional.empty();
    } catch (SQLException e) {
      throw new ClusterStoreException("writing group state: " + e.getMessage(), e);
    }
  }

  /**
   * Deletes a removed group's row if it is still at {@code version}.
   *
   * @return whether this call deleted it (another engine's claim or write came first otherwise)
   */
  public boolean delete(String groupKey, long version) {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "DELETE FROM vmrules_group_state WHERE group_key = ? AND version = ?")) {
      s.setString(1, rowKey(groupKey));
      s.setLong(2, version);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new ClusterStoreException("deleting group state: " + e.getMessage(), e);
    }
  }
}
