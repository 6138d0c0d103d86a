package io.ledgerkit.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The fee change a host would write by hand on the SDK's tables: in one transaction, read the
 * fee's status and version, update it conditionally on that version, and append its event.
 */
final class HandWrittenFeeJdbc {

  private static final String READ = "select status, version from ledgerkit_fee"
      + " where id = ? and tenant_id = ?";
  private static final String UPDATE = "update ledgerkit_fee set note = ?, updated_at = ?,"
      + " version = version + 1 where id = ? and tenant_id = ? and version = ?";
  private static final String INSERT_EVENT = "insert into ledgerkit_fee_event (id, tenant_id,"
      + " fee_id, fee_version, event_type, event_type_idx, event_date, actor_user_id, note,"
      + " from_status, to_status, details) values (?, ?, ?, ?, 'note', 6, ?, ?, ?, ?, ?, '{}')";

  private HandWrittenFeeJdbc() {}

  /**
   * Adds a note to a fee, with its event, as one transaction.
   *
   * @return the fee's new version
   */
  static long addNote(DataSource pool, String tenant, UUID fee, String actor, String note)
      throws SQLException {
    Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        String status;
        long version;
        try (PreparedStatement read = connection.prepareStatement(READ)) {
          read.setObject(1, fee);
          read.setString(2, tenant);
          try (ResultSet row = read.executeQuery()) {
            if (!row.next()) {
              throw new IllegalStateException("no fee " + fee);
            }
            status = row.getString(1);
            version = row.getLong(2);
          }
        }
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
          update.setString(1, note);
          update.setTimestamp(2, now);
          update.setObject(3, fee);
          update.setString(4, tenant);
          update.setLong(5, version);
          if (update.executeUpdate() != 1) {
            throw new IllegalStateException("the fee changed meanwhile");
          }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
          insert.setObject(1, UUID.randomUUID());
          insert.setString(2, tenant);
          insert.setObject(3, fee);
          insert.setLong(4, version + 1);
          insert.setTimestamp(5, now);
          insert.setString(6, actor);
          insert.setString(7, note);
          insert.setString(8, status);
          insert.setString(9, status);
          insert.executeUpdate();
        }
        connection.commit();
        return version + 1;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }
}
