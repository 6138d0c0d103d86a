package io.ledgerkit.jpa;

import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.testkit.FeeRawStore;
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
 * Reads {@code ledgerkit_fee}, {@code ledgerkit_fee_event} and {@code ledgerkit_processed_event}
 * with plain JDBC, bypassing the adapter: every column under its own name, nulls included; ids
 * and {@code jsonb} as text, timestamps as instants, everything else as the driver returns it.
 */
final class JdbcFeeRawStore implements FeeRawStore {

  private final DataSource dataSource;

  JdbcFeeRawStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public List<Map<String, Object>> fees(TenantId tenant) {
    return rows("ledgerkit_fee", tenant);
  }

  @Override
  public List<Map<String, Object>> events(TenantId tenant) {
    return rows("ledgerkit_fee_event", tenant);
  }

  /** @return the tenant's processed-event records, by source and then event id */
  List<Map<String, Object>> processedEvents(TenantId tenant) {
    return rows("ledgerkit_processed_event", tenant,
        Comparator.comparing((Map<String, Object> row) -> (String) row.get("source"))
            .thenComparing(row -> (String) row.get("event_id")));
  }

  private List<Map<String, Object>> rows(String table, TenantId tenant) {
    // Sorted by the id's string form, whatever the database's collation.
    return rows(table, tenant, Comparator.comparing(row -> (String) row.get("id")));
  }

  private List<Map<String, Object>> rows(String table, TenantId tenant,
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

  private static Map<String, Object> row(ResultSet result, ResultSetMetaData columns)
      throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 1; i <= columns.getColumnCount(); i++) {
      String type = columns.getColumnTypeName(i);
      Object value = switch (type) {
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
