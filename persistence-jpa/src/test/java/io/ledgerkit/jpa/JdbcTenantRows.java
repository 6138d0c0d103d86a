package io.ledgerkit.jpa;

import io.ledgerkit.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads a tenant's rows of one of the adapter's tables with plain JDBC, for the raw stores: every
 * column under its own name, nulls included; ids and {@code jsonb} as text, timestamps as
 * instants, everything else as the driver returns it.
 */
final class JdbcTenantRows {

  private JdbcTenantRows() {}

  /**
   * @param dataSource where
   * @param table the table, with a {@code tenant_id} column
   * @param tenant whose rows
   * @param order how to sort them (by a column's string form, whatever the database's collation)
   * @return the rows, sorted
   */
  static List<Map<String, Object>> read(DataSource dataSource, String table, TenantId tenant,
      Comparator<Map<String, Object>> order) {
    String sql = "select * from " + table + " where tenant_id = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, tenant.value());
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        ResultSetMetaData columns = result.getMetaData();
        while (result.next()) {
          rows.add(row(result, columns));
        }
      }
      rows.sort(order);
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read " + table, e);
    }
  }

  /** @return an order by the text of one column */
  static Comparator<Map<String, Object>> by(String column) {
    return Comparator.comparing(row -> (String) row.get(column));
  }

  private static Map<String, Object> row(ResultSet result, ResultSetMetaData columns)
      throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 1; i <= columns.getColumnCount(); i++) {
      Object value = switch (columns.getColumnTypeName(i)) {
        case "uuid", "jsonb" -> result.getString(i);
        case "timestamptz" -> {
          OffsetDateTime at = result.getObject(i, OffsetDateTime.class);
          yield at == null ? null : at.toInstant();
        }
        default -> result.getObject(i);
      };
      row.put(columns.getColumnName(i), value);
    }
    return row;
  }
}
