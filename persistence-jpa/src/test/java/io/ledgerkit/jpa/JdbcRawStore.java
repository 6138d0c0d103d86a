package io.ledgerkit.jpa;

import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.testkit.RawStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads {@code ledgerkit_customer} with plain JDBC, bypassing Hibernate and jOOQ. */
final class JdbcRawStore implements RawStore {

  private static final String[][] TEXT_COLUMNS = {
      {"tenant_id", "tenantId"}, {"name", "name"}, {"phone", "phone"},
      {"contact_name", "contactName"}, {"contact_email", "contactEmail"},
      {"address", "address"}, {"tax_number", "taxNumber"}, {"notes", "notes"}};

  private final DataSource dataSource;

  JdbcRawStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public List<Map<String, Object>> customers(TenantId tenant) {
    String sql = "select * from ledgerkit_customer where tenant_id = ? order by id";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, tenant.value());
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(row(result));
        }
      }
      // The contract sorts by the id's string form; do exactly that, whatever the collation.
      rows.sort(Comparator.comparing(row -> (String) row.get("id")));
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read ledgerkit_customer", e);
    }
  }

  private static Map<String, Object> row(ResultSet result) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", result.getString("id"));
    for (String[] column : TEXT_COLUMNS) {
      String value = result.getString(column[0]);
      if (value != null) {
        row.put(column[1], value);
      }
    }
    row.put("isActive", result.getBoolean("is_active"));
    row.put("createdAt", result.getObject("created_at", OffsetDateTime.class).toInstant());
    row.put("updatedAt", result.getObject("updated_at", OffsetDateTime.class).toInstant());
    row.put("version", result.getLong("version"));
    return row;
  }
}
