package io.vmrules.rules.cluster.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Quartz's job-store tables for PostgreSQL, from the script the Quartz jar ships (so they match the
 * Quartz version we run), without its {@code DROP TABLE} statements and comments.
 */
@SuppressWarnings("TypeName") // Flyway reads the version and description from the class name
public final class V1__quartz_tables extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    try (Statement s = context.getConnection().createStatement()) {
      for (String statement : QuartzScript.statements(QuartzScript.load())) {
        s.execute(statement);
      }
    }
  }
}
