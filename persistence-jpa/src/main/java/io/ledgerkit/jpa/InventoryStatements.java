package io.ledgerkit.jpa;

import io.ledgerkit.inventory.Movement;
import io.ledgerkit.inventory.MovementFilter;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.tenant.TenantId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The inventory path's statements as fixed SQL text, bound and read with plain JDBC (as {@link
 * FeeStatements}). A movement and its stock change are one statement, a data-modifying {@code
 * WITH}: the stock row's conditional upsert returns the new stock on hand, and the movement is
 * inserted from what it returned, so both happen or neither, in one round trip. A transfer's two
 * legs and both stock changes are one statement too. Every statement is scoped by {@code
 * tenant_id}; every SQL text, the listings' 32 combinations of criteria included, is built once.
 */
final class InventoryStatements {

  static final String STOCK_TABLE = "ledgerkit_stock";
  static final String MOVEMENT_TABLE = "ledgerkit_movement";
  /** The movement's primary key constraint, {@code (tenant_id, id)}. */
  static final String MOVEMENT_PRIMARY_KEY = "ledgerkit_movement_pkey";
  /** The unique {@code (tenant_id, item_id, movement_timestamp)} constraint. */
  static final String TIMESTAMP_KEY = "ledgerkit_movement_tenant_item_timestamp_key";

  static final String COLUMNS = "tenant_id, id, item_id, quantity_delta, movement_type,"
      + " movement_type_idx, movement_timestamp, user_id, movement_reason, corrects_id,"
      + " transfer_id, recorded_at";

  /** The 12 columns of {@link #COLUMNS} as parameters, typed for a {@code VALUES} list. */
  private static final String TYPED_VALUES = "(?::text, ?::uuid, ?::text, ?::bigint, ?::text,"
      + " ?::smallint, ?::timestamptz, ?::text, ?::text, ?::uuid, ?::uuid, ?::timestamptz)";

  /**
   * Locks the tenant's row at the settings version the movement was judged against, {@code FOR
   * SHARE}: a settings change committed since the statement began, or still running, makes the
   * row not match (the lock re-reads its newest version), and one that comes later waits until
   * the movement has committed. So the stock rule applied is the one in force when the stock
   * changes.
   */
  private static final String SETTINGS = "settings as (select 1 from ledgerkit_tenant"
      + " where tenant_id = ? and version = ? for share), ";

  /**
   * Adds the delta to the item's stock row, creating it, unless the stock would end below zero
   * and that is not allowed: a new row only for a delta of at least zero (or when negative stock
   * is allowed, or when a row exists, which the conflict then updates), and an update only when
   * the sum stays at zero or above (or negative stock is allowed). The update's condition is
   * judged on the row's newest committed value, with the row locked, so concurrent movements of
   * one item serialize on it and none can oversell. Returns the new stock on hand; no row means
   * the movement was refused. Then inserts the movement, only if the stock changed.
   */
  private static String recordSql(boolean checkSettings) {
    return "with " + (checkSettings ? SETTINGS : "")
        + "stock as (insert into " + STOCK_TABLE + " as s (tenant_id, item_id, on_hand)"
        + " select ?, ?, ?"
        + " where " + (checkSettings ? "exists (select 1 from settings) and " : "")
        + "(?::boolean or ?::bigint >= 0 or exists (select 1 from " + STOCK_TABLE + " x"
        + " where x.tenant_id = ? and x.item_id = ?))"
        + " on conflict (tenant_id, item_id) do update set on_hand = s.on_hand + excluded.on_hand"
        + " where ?::boolean or s.on_hand + excluded.on_hand >= 0"
        + " returning s.on_hand), "
        + "moved as (insert into " + MOVEMENT_TABLE + " (" + COLUMNS + ")"
        + " select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from stock) "
        + "select " + (checkSettings ? "exists (select 1 from settings)" : "true")
        + ", (select on_hand from stock)";
  }

  /** {@link #recordSql} without a settings check. */
  static final String RECORD = recordSql(false);
  /** {@link #recordSql} with the settings version check. */
  static final String RECORD_IF_SETTINGS = recordSql(true);

  /**
   * Both legs of a transfer, each in its own tenant (never the same one). The two stock rows that
   * exist are locked first, in {@code (tenant_id, item_id)} order, and the rows are upserted in
   * that order too, so that transfers in opposite directions between the same items cannot
   * deadlock. The source's stock as locked decides; only then both rows change and both
   * movements are inserted, or nothing is written.
   */
  private static String transferSql(boolean checkSettings) {
    return "with " + (checkSettings ? SETTINGS : "")
        + "legs (" + COLUMNS + ") as (values " + TYPED_VALUES + ", " + TYPED_VALUES + "), "
        + "locked as (select s.tenant_id, s.on_hand from " + STOCK_TABLE + " s join legs l"
        + " on s.tenant_id = l.tenant_id and s.item_id = l.item_id"
        + " order by s.tenant_id, s.item_id for update of s), "
        + "allowed as (select " + (checkSettings ? "exists (select 1 from settings) and " : "")
        + "(?::boolean or coalesce((select on_hand from locked where tenant_id = ?), 0)"
        + " + ?::bigint >= 0) as ok), "
        + "stock as (insert into " + STOCK_TABLE + " as s (tenant_id, item_id, on_hand)"
        + " select tenant_id, item_id, quantity_delta from legs where (select ok from allowed)"
        + " order by tenant_id, item_id"
        + " on conflict (tenant_id, item_id) do update set on_hand = s.on_hand + excluded.on_hand"
        + " returning s.tenant_id, s.on_hand), "
        + "moved as (insert into " + MOVEMENT_TABLE + " (" + COLUMNS + ")"
        + " select l.* from legs l join stock s on s.tenant_id = l.tenant_id) "
        + "select " + (checkSettings ? "exists (select 1 from settings)" : "true")
        + ", (select on_hand from stock where tenant_id = ?)";
  }

  /** {@link #transferSql} without a settings check. */
  static final String TRANSFER = transferSql(false);
  /** {@link #transferSql} with the source's settings version check. */
  static final String TRANSFER_IF_SETTINGS = transferSql(true);

  /** Whether a leg's item has a movement at its timestamp, for each leg: after a conflict. */
  static final String TIMESTAMPS_TAKEN = "select exists (select 1 from " + MOVEMENT_TABLE
      + " where tenant_id = ? and item_id = ? and movement_timestamp = ?), exists (select 1 from "
      + MOVEMENT_TABLE + " where tenant_id = ? and item_id = ? and movement_timestamp = ?)";

  static final String BY_ID = "select " + COLUMNS + " from " + MOVEMENT_TABLE
      + " where tenant_id = ? and id = ?";

  static final String STOCK_OF = "select on_hand from " + STOCK_TABLE
      + " where tenant_id = ? and item_id = ?";

  /** The tenant as in {@link Rows#TENANT_UNKNOWN_TO_PLANNER}. */
  static final String STOCK_OF_ALL = "select item_id, on_hand from " + STOCK_TABLE
      + " where " + Rows.TENANT_UNKNOWN_TO_PLANNER + " and item_id = any (?)";

  /**
   * Newest first; ties by id descending. A {@code uuid} orders by its bytes, which is the order of
   * its lower-case text form, so this is "id as text" as on every engine; the listing index
   * {@code (tenant_id, movement_timestamp desc, id desc)} serves it, and for one item the unique
   * key read backwards (timestamps are unique per item).
   */
  private static final String NEWEST_FIRST = " order by movement_timestamp desc, id desc";

  /** The optional criteria, in the order of their bit in a {@link Matching} mask. */
  private static final String[] CRITERIA = {" and item_id = ?", " and movement_type = ?",
      " and movement_timestamp >= ?", " and movement_timestamp < ?", " and user_id = ?"};

  private static final String[] COUNTS = new String[1 << CRITERIA.length];
  private static final String[] PAGES = new String[1 << CRITERIA.length];

  static {
    for (int mask = 0; mask < COUNTS.length; mask++) {
      StringBuilder where = new StringBuilder(" where ").append(Rows.TENANT_UNKNOWN_TO_PLANNER);
      for (int bit = 0; bit < CRITERIA.length; bit++) {
        if ((mask & (1 << bit)) != 0) {
          where.append(CRITERIA[bit]);
        }
      }
      COUNTS[mask] = "select count(*) from " + MOVEMENT_TABLE + where;
      PAGES[mask] = "select " + COLUMNS + " from " + MOVEMENT_TABLE + where + NEWEST_FIRST
          + " limit ? offset ?";
    }
  }

  private InventoryStatements() {}

  /**
   * What a conditional write reported.
   *
   * @param settingsCurrent false if the settings were not at the expected version (then nothing
   *     was written); always true without a settings check
   * @param onHand the stock on hand after the write; empty if it was refused
   */
  record Outcome(boolean settingsCurrent, OptionalLong onHand) {}

  /**
   * @param settingsVersion the tenant's settings version to require, or empty for none
   * @return what was written
   */
  static Outcome record(Connection connection, Movement movement, boolean allowNegative,
      OptionalLong settingsVersion) throws SQLException {
    boolean check = settingsVersion.isPresent();
    try (PreparedStatement statement =
        connection.prepareStatement(check ? RECORD_IF_SETTINGS : RECORD)) {
      int i = 1;
      String tenant = movement.tenant().value();
      if (check) {
        statement.setString(i++, tenant);
        statement.setLong(i++, settingsVersion.getAsLong());
      }
      statement.setString(i++, tenant);
      statement.setString(i++, movement.itemId());
      statement.setLong(i++, movement.quantityDelta());
      statement.setBoolean(i++, allowNegative);
      statement.setLong(i++, movement.quantityDelta());
      statement.setString(i++, tenant);
      statement.setString(i++, movement.itemId());
      statement.setBoolean(i++, allowNegative);
      bindMovement(statement, i, movement);
      return outcome(statement);
    }
  }

  /**
   * @param settingsVersion the source tenant's settings version to require, or empty for none
   * @return what was written; the stock is the source's
   */
  static Outcome transfer(Connection connection, Movement out, Movement in,
      boolean allowNegativeAtSource, OptionalLong settingsVersion) throws SQLException {
    boolean check = settingsVersion.isPresent();
    try (PreparedStatement statement =
        connection.prepareStatement(check ? TRANSFER_IF_SETTINGS : TRANSFER)) {
      int i = 1;
      String source = out.tenant().value();
      if (check) {
        statement.setString(i++, source);
        statement.setLong(i++, settingsVersion.getAsLong());
      }
      i = bindMovement(statement, i, out);
      i = bindMovement(statement, i, in);
      statement.setBoolean(i++, allowNegativeAtSource);
      statement.setString(i++, source);
      statement.setLong(i++, out.quantityDelta());
      statement.setString(i, source);
      return outcome(statement);
    }
  }

  /** @return for each leg, whether its item has a movement at its timestamp */
  static boolean[] timestampsTaken(Connection connection, Movement out, Movement in)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(TIMESTAMPS_TAKEN)) {
      int i = 1;
      for (Movement leg : List.of(out, in)) {
        statement.setString(i++, leg.tenant().value());
        statement.setString(i++, leg.itemId());
        Rows.setInstant(statement, i++, leg.timestamp());
      }
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return new boolean[] {row.getBoolean(1), row.getBoolean(2)};
      }
    }
  }

  static Optional<Movement> byId(Connection connection, TenantId tenant, UUID id)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(BY_ID)) {
      statement.setString(1, tenant.value());
      statement.setObject(2, id);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(movement(row, tenant)) : Optional.empty();
      }
    }
  }

  /** @return the item's stock on hand, 0 without a stock row */
  static long stockOf(Connection connection, TenantId tenant, String itemId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(STOCK_OF)) {
      statement.setString(1, tenant.value());
      statement.setString(2, itemId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? row.getLong(1) : 0L;
      }
    }
  }

  /** @return the stock on hand of the items that have a stock row */
  static Map<String, Long> stockOf(Connection connection, TenantId tenant,
      Collection<String> itemIds) throws SQLException {
    Array items = connection.createArrayOf("text", itemIds.toArray());
    try (PreparedStatement statement = connection.prepareStatement(STOCK_OF_ALL)) {
      statement.setString(1, tenant.value());
      statement.setArray(2, items);
      Map<String, Long> stock = new HashMap<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          stock.put(row.getString(1), row.getLong(2));
        }
      }
      return stock;
    } finally {
      items.free();
    }
  }

  /**
   * The criteria of a listing: which of the prepared {@code WHERE} clauses applies, and its
   * values, every one a bound parameter, the tenant first.
   */
  static final class Matching implements Transactor.Listing<Movement> {
    private final TenantId tenant;
    private final List<Object> values = new ArrayList<>();
    private int mask;

    Matching(TenantId tenant, MovementFilter filter) {
      this.tenant = tenant;
      values.add(tenant.value());
      add(0, filter.itemId());
      add(1, filter.type() == null ? null : filter.type().apiName());
      add(2, filter.from() == null ? null : Rows.timestamp(filter.from()));
      add(3, filter.to() == null ? null : Rows.timestamp(filter.to()));
      add(4, filter.userId());
    }

    private void add(int bit, @Nullable Object value) {
      if (value != null) {
        mask |= 1 << bit;
        values.add(value);
      }
    }

    @Override
    public long count(Connection connection) throws SQLException {
      return Rows.count(connection, COUNTS[mask], values);
    }

    @Override
    public List<Movement> page(Connection connection, int offset, int limit) throws SQLException {
      return Rows.page(connection, PAGES[mask], values, offset, limit,
          row -> movement(row, tenant));
    }
  }

  private static Outcome outcome(PreparedStatement statement) throws SQLException {
    try (ResultSet row = statement.executeQuery()) {
      row.next();
      boolean settingsCurrent = row.getBoolean(1);
      long onHand = row.getLong(2);
      return new Outcome(settingsCurrent,
          row.wasNull() ? OptionalLong.empty() : OptionalLong.of(onHand));
    }
  }

  /** Binds the 12 columns of {@link #COLUMNS} from {@code first}; returns the next index. */
  private static int bindMovement(PreparedStatement statement, int first, Movement movement)
      throws SQLException {
    int i = first;
    statement.setString(i++, movement.tenant().value());
    statement.setObject(i++, movement.id());
    statement.setString(i++, movement.itemId());
    statement.setLong(i++, movement.quantityDelta());
    statement.setString(i++, movement.type().apiName());
    statement.setShort(i++, (short) movement.type().index());
    Rows.setInstant(statement, i++, movement.timestamp());
    statement.setString(i++, movement.userId());
    Rows.setText(statement, i++, movement.reason());
    Rows.setUuid(statement, i++, movement.correctsId());
    Rows.setUuid(statement, i++, movement.transferId());
    Rows.setInstant(statement, i++, movement.recordedAt());
    return i;
  }




  /** Reads a row of {@link #COLUMNS}; its tenant is {@code scope} when stored exactly so. */
  static Movement movement(ResultSet row, TenantId scope) throws SQLException {
    String stored = row.getString(1);
    return new Movement(row.getObject(2, UUID.class),
        Rows.tenant(stored, scope), row.getString(3),
        row.getLong(4), type(row.getString(5)), Rows.instant(row, 7), row.getString(8),
        row.getString(9), row.getObject(10, UUID.class), row.getObject(11, UUID.class),
        Rows.instant(row, 12));
  }

  static MovementType type(String stored) {
    return MovementType.ofApiName(stored)
        .orElseThrow(() -> new IllegalStateException("an unknown movement type is stored"));
  }

}
