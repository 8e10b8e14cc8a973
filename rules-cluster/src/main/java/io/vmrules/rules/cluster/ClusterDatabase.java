package io.vmrules.rules.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The cluster's PostgreSQL: a small connection pool, and the schema brought to the current version
 * by Flyway from versioned migrations (Quartz's job-store tables, then ours). Migrations only
 * create and alter, never drop. Flyway holds a PostgreSQL advisory lock while it migrates, so
 * engines starting at once do not race: the second finds the schema current.
 */
public final class ClusterDatabase implements AutoCloseable {
  /** Where the migrations are: SQL scripts and Java migrations of this package. */
  static final String MIGRATIONS = "classpath:io/vmrules/rules/cluster/migration";

  /** Flyway's history table, named so it cannot clash with a user's own Flyway schema. */
  static final String HISTORY = "vmrules_schema_history";

  /**
   * The schema every table lives in (Quartz's too): the database may hold other things, and Flyway
   * migrates only an empty schema or one it created.
   */
  public static final String SCHEMA = "vmrules";

  /**
   * How to reach the database.
   *
   * @param password never printed
   */
  public record Settings(String url, String username, String password) {
    public Settings {
      Objects.requireNonNull(url, "url");
      if (!url.startsWith("jdbc:postgresql://")) {
        throw new IllegalArgumentException(
            "--cluster.db.url must be jdbc:postgresql://HOST:PORT/DB, not " + redact(url));
      }
    }

    @Override
    public String toString() {
      return "Settings[url=" + redact(url) + ", username=" + username + ", password=***]";
    }

    /** The URL without a {@code password=} parameter's value. */
    static String redact(String url) {
      return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
  }

  private final HikariDataSource pool;

  private ClusterDatabase(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * Opens the pool. Connections are made lazily: an unreachable database is not an error here (an
   * engine starts and waits for it), only when used.
   */
  public static ClusterDatabase open(Settings settings, int maxConnections) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(settings.url());
    c.setUsername(settings.username());
    c.setPassword(settings.password());
    c.setMaximumPoolSize(maxConnections);
    c.setMinimumIdle(1);
    c.setPoolName("vmrules-cluster");
    c.setConnectionTimeout(2_000);
    c.setInitializationFailTimeout(-1);
    c.setAutoCommit(true);
    c.setSchema(SCHEMA);
    return new ClusterDatabase(new HikariDataSource(c));
  }

  public DataSource dataSource() {
    return pool;
  }

  /**
   * Brings the schema to the current version.
   *
   * @throws ClusterStoreException when the database cannot be reached or a migration fails
   */
  public void migrate() {
    try {
      Flyway.configure(ClusterDatabase.class.getClassLoader())
          // through the engine's logging (Flyway would pick java.util.logging, printing INFO
          // lines of its own format on stderr); its INFO is quietened there
          .loggers("slf4j")
          .dataSource(pool)
          .locations(MIGRATIONS)
          .schemas(SCHEMA)
          .createSchemas(true)
          .table(HISTORY)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new ClusterStoreException("schema migration failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
