package io.ledgerkit.jpa;

import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.testkit.FeeRawStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads {@code ledgerkit_fee}, {@code ledgerkit_fee_event} and {@code ledgerkit_processed_event}
 * with plain JDBC, bypassing the adapter (see {@link JdbcTenantRows}).
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
    return rows(table, tenant, JdbcTenantRows.by("id"));
  }

  private List<Map<String, Object>> rows(String table, TenantId tenant,
      Comparator<Map<String, Object>> order) {
    return JdbcTenantRows.read(dataSource, table, tenant, order);
  }
}
