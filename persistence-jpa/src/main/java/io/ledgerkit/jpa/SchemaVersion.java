package io.ledgerkit.jpa;

import io.ledgerkit.StorageException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * What the adapter reads of the database before it starts: whether its schema is at the newest
 * migration already (then Flyway need not run, nor log), and the server's version for
 * Hibernate's dialect.
 */
final class SchemaVersion {

  /** The version of the newest migration in {@link JpaPersistence#MIGRATION_LOCATION}. */
  static final String NEWEST = "5";

  private static final String HISTORY_EXISTS = "select to_regclass(?) is not null";
  private static final String LAST_APPLIED = "select version from "
      + JpaPersistence.SCHEMA_HISTORY_TABLE
      + " where success and version is not null order by installed_rank desc limit 1";

  private SchemaVersion() {}

  /**
   * @param dataSource the database
   * @return whether the last migration applied successfully is the newest; false when there is no
   *     history yet or it cannot be read, so that Flyway decides
   */
  static boolean isCurrent(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement exists = connection.prepareStatement(HISTORY_EXISTS)) {
        exists.setString(1, JpaPersistence.SCHEMA_HISTORY_TABLE);
        try (ResultSet row = exists.executeQuery()) {
          if (!row.next() || !row.getBoolean(1)) {
            return false;
          }
        }
      }
      try (PreparedStatement last = connection.prepareStatement(LAST_APPLIED);
          ResultSet row = last.executeQuery()) {
        return row.next() && NEWEST.equals(row.getString(1));
      }
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * @param dataSource the database
   * @return the server's major and minor version
   * @throws StorageException if the server cannot be reached
   */
  static Server server(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metadata = connection.getMetaData();
      return new Server(metadata.getDatabaseMajorVersion(), metadata.getDatabaseMinorVersion());
    } catch (SQLException e) {
      throw new StorageException("could not set up the PostgreSQL store: cannot read the server's"
          + " version (SQLState " + e.getSQLState() + ")", e);
    }
  }

  /** A server version, e.g. 18.4. */
  record Server(int major, int minor) {}
}
