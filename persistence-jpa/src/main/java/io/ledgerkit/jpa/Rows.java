package io.ledgerkit.jpa;

import io.ledgerkit.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The JDBC plumbing the fee and inventory statements share: binding nullable values, instants as
 * {@code timestamptz}, the tenant of a row, and the count and page of a filtered listing.
 */
final class Rows {

  /**
   * The tenant condition of a statement that reads many rows of a tenant (a listing, a read of many
   * keys): the tenant is an init plan's value, unknown when the server plans. Bound as a constant,
   * a tenant the statistics do not know yet (a new tenant's first import, on a table analyzed
   * before it) is estimated at one row, and the plan then reads all of the tenant's rows through
   * any index starting with {@code tenant_id} and filters the other criteria, at a cost that grows
   * with the tenant; unknown, the estimate is the average tenant's, and the plan uses the index of
   * the other criteria. Reads of one key keep the constant: their unique index wins either way.
   */
  static final String TENANT_UNKNOWN_TO_PLANNER = "tenant_id = (select ?::text)";

  private Rows() {}

  /** Reads one row into a value. */
  @FunctionalInterface
  interface Reader<T> {
    T read(ResultSet row) throws SQLException;
  }

  static void setText(PreparedStatement statement, int index, @Nullable String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  static void setUuid(PreparedStatement statement, int index, @Nullable UUID value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.OTHER);
    } else {
      statement.setObject(index, value);
    }
  }

  /** @return the instant as the driver binds a {@code timestamptz}, in UTC */
  static OffsetDateTime timestamp(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /**
   * Binds an instant for a {@code timestamptz} column or comparison as ISO text in UTC, rounded to
   * the column's microseconds as the driver rounds, and of a type the server infers from where the
   * parameter stands. The driver's own binding of an {@link OffsetDateTime} builds a calendar per
   * value, a tenth of a create's CPU; years outside 1 to 9999 still take that way.
   */
  static void setInstant(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    long second = instant.getEpochSecond();
    int micros = (instant.getNano() + 500) / 1000;
    if (micros == 1_000_000) {
      second++;
      micros = 0;
    }
    LocalDateTime utc = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
    int year = utc.getYear();
    if (year < 1 || year > 9999) {
      statement.setObject(index, timestamp(instant));
      return;
    }
    char[] text = new char[27];
    digits(text, 0, year, 4);
    text[4] = '-';
    digits(text, 5, utc.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, utc.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, utc.getHour(), 2);
    text[13] = ':';
    digits(text, 14, utc.getMinute(), 2);
    text[16] = ':';
    digits(text, 17, utc.getSecond(), 2);
    text[19] = '.';
    digits(text, 20, micros, 6);
    text[26] = 'Z';
    statement.setObject(index, new String(text), Types.OTHER);
  }

  private static void digits(char[] text, int from, int value, int width) {
    for (int i = from + width - 1; i >= from; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  static Instant instant(ResultSet row, int column) throws SQLException {
    return row.getObject(column, OffsetDateTime.class).toInstant();
  }

  /** @return {@code scope} when the row's tenant is stored exactly so, else the stored one */
  static TenantId tenant(String stored, TenantId scope) {
    return stored.equals(scope.value()) ? scope : TenantId.of(stored);
  }

  /**
   * Binds a listing's values from the first parameter; strings as text, numbers, instants and
   * UUIDs as the driver's types for them.
   *
   * @return the next parameter's index
   */
  static int bind(PreparedStatement statement, List<Object> values) throws SQLException {
    int i = 1;
    for (Object value : values) {
      statement.setObject(i++, value);
    }
    return i;
  }

  /** @return the count a {@code select count(*) ...} with these values answers */
  static long count(Connection connection, String sql, List<Object> values) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, values);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /**
   * @param sql a query ending in {@code limit ? offset ?}, its other parameters {@code values}
   * @return the rows of that slice, read in order
   */
  static <T> List<T> page(Connection connection, String sql, List<Object> values, int offset,
      int limit, Reader<T> reader) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int next = bind(statement, values);
      statement.setInt(next, limit);
      statement.setInt(next + 1, offset);
      List<T> items = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          items.add(reader.read(row));
        }
      }
      return items;
    }
  }
}
