package io.ledgerkit.jpa;

import io.ledgerkit.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
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
