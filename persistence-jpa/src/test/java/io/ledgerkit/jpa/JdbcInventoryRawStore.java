package io.ledgerkit.jpa;

import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.testkit.InventoryRawStore;
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
 * Reads {@code ledgerkit_movement} and {@code ledgerkit_stock} with plain JDBC, bypassing the
 * adapter: every column under its own name, nulls included; ids as text, timestamps as instants,
 * everything else as the driver returns it.
 */
final class JdbcInventoryRawStore implements InventoryRawStore {

  private static final String SUM = "select coalesce(sum(quantity_delta), 0) from"
      + " ledgerkit_movement where tenant_id = ? and item_id = ?";

  private final DataSource dataSource;

  JdbcInventoryRawStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public List<Map<String, Object>> movements(TenantId tenant) {
    List<Map<String, Object>> rows = rows("ledgerkit_movement", tenant);
    // Sorted by the id's string form, whatever the database's collation.
    rows.sort(Comparator.comparing(row -> (String) row.get("id")));
    return rows;
  }

  @Override
  public List<Map<String, Object>> stock(TenantId tenant) {
    List<Map<String, Object>> rows = rows("ledgerkit_stock", tenant);
    rows.sort(Comparator.comparing(row -> (String) row.get("item_id")));
    return rows;
  }

  @Override
  public long sumOfMovements(TenantId tenant, String itemId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(SUM)) {
      statement.setString(1, tenant.value());
      statement.setString(2, itemId);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not add up the movements", e);
    }
  }

  private List<Map<String, Object>> rows(String table, TenantId tenant) {
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
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read " + table, e);
    }
  }

  private static Map<String, Object> row(ResultSet result, ResultSetMetaData columns)
      throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 1; i <= columns.getColumnCount(); i++) {
      Object value = switch (columns.getColumnTypeName(i)) {
        case "uuid" -> result.getString(i);
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
