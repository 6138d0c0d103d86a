package io.ledgerkit.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The stock movement a careful host would write by hand on the SDK's tables: in one transaction,
 * take the quantity off the item's stock row only if enough is there, and append the movement
 * only if it was; and the set-based load of a long ledger for the stock reads.
 */
final class HandWrittenInventoryJdbc {

  private static final String TAKE = "update ledgerkit_stock set on_hand = on_hand + ?"
      + " where tenant_id = ? and item_id = ? and on_hand + ? >= 0 returning on_hand";
  private static final String INSERT_MOVEMENT = "insert into ledgerkit_movement (tenant_id, id,"
      + " item_id, quantity_delta, movement_type, movement_type_idx, movement_timestamp, user_id,"
      + " recorded_at) values (?, ?, ?, ?, 'sale', 0, ?, ?, ?)";

  /** An item's stock row, empty, before its ledger is loaded. */
  private static final String NEW_STOCK_ROW =
      "insert into ledgerkit_stock (tenant_id, item_id, on_hand) values (?, ?, 0)";
  /**
   * A ledger of restocks of 3 and sales of 1, one per millisecond from {@code ?}, straight into
   * the table.
   */
  private static final String LOAD_LEDGER = "insert into ledgerkit_movement (tenant_id, id,"
      + " item_id, quantity_delta, movement_type, movement_type_idx, movement_timestamp, user_id,"
      + " recorded_at)"
      + " select ?, gen_random_uuid(), ?, case when g % 3 = 0 then 3 else -1 end,"
      + " case when g % 3 = 0 then 'restock' else 'sale' end, case when g % 3 = 0 then 1 else 0 end,"
      + " ?::timestamptz + g * interval '1 millisecond', 'bench', now()"
      + " from generate_series(1, ?) g";
  /** The stock row set to the sum, as the SDK would have kept it. */
  private static final String SUM_INTO_STOCK = "update ledgerkit_stock set on_hand ="
      + " (select coalesce(sum(quantity_delta), 0) from ledgerkit_movement"
      + " where tenant_id = ? and item_id = ?) where tenant_id = ? and item_id = ?";

  private HandWrittenInventoryJdbc() {}

  /**
   * Records a sale, with its stock change, as one transaction.
   *
   * @return the stock on hand after the sale; empty, writing nothing, if there was not enough
   */
  static OptionalLong sale(DataSource pool, String tenant, String itemId, long quantity,
      Instant at, String userId) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        long onHand;
        try (PreparedStatement take = connection.prepareStatement(TAKE)) {
          take.setLong(1, -quantity);
          take.setString(2, tenant);
          take.setString(3, itemId);
          take.setLong(4, -quantity);
          try (ResultSet row = take.executeQuery()) {
            if (!row.next()) {
              connection.rollback();
              return OptionalLong.empty();
            }
            onHand = row.getLong(1);
          }
        }
        Timestamp when = Timestamp.from(at);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_MOVEMENT)) {
          insert.setString(1, tenant);
          insert.setObject(2, UUID.randomUUID());
          insert.setString(3, itemId);
          insert.setLong(4, -quantity);
          insert.setTimestamp(5, when);
          insert.setString(6, userId);
          insert.setTimestamp(7, when);
          insert.executeUpdate();
        }
        connection.commit();
        return OptionalLong.of(onHand);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /**
   * Loads an item's ledger set-based, then sets its stock row to the sum.
   *
   * @param movements how many movements, one per millisecond from {@code from}
   */
  static void loadLedger(DataSource pool, String tenant, String itemId, int movements,
      Instant from) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      try (PreparedStatement row = connection.prepareStatement(NEW_STOCK_ROW)) {
        row.setString(1, tenant);
        row.setString(2, itemId);
        row.executeUpdate();
      }
      try (PreparedStatement load = connection.prepareStatement(LOAD_LEDGER)) {
        load.setString(1, tenant);
        load.setString(2, itemId);
        load.setString(3, from.toString());
        load.setInt(4, movements);
        load.executeUpdate();
      }
      try (PreparedStatement sum = connection.prepareStatement(SUM_INTO_STOCK)) {
        sum.setString(1, tenant);
        sum.setString(2, itemId);
        sum.setString(3, tenant);
        sum.setString(4, itemId);
        sum.executeUpdate();
      }
    }
  }
}
