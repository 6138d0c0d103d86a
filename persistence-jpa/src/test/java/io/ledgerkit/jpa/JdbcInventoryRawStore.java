package io.ledgerkit.jpa;

import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.testkit.InventoryRawStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads {@code ledgerkit_movement} and {@code ledgerkit_stock} with plain JDBC, bypassing the
 * adapter (see {@link JdbcTenantRows}).
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
    return JdbcTenantRows.read(dataSource, "ledgerkit_movement", tenant, JdbcTenantRows.by("id"));
  }

  @Override
  public List<Map<String, Object>> stock(TenantId tenant) {
    return JdbcTenantRows.read(dataSource, "ledgerkit_stock", tenant,
        JdbcTenantRows.by("item_id"));
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
}
