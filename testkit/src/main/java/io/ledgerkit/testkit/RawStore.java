package io.ledgerkit.testkit;

import io.ledgerkit.tenant.TenantId;
import java.util.List;
import java.util.Map;

/**
 * Reads an adapter's store directly, bypassing the adapter under test, so that the contract suite
 * can check what really was written (and that refused operations wrote nothing).
 *
 * <p>Records come back as maps keyed by the seeds' field names, whatever the engine calls its
 * columns: {@code id}, {@code tenantId}, {@code name}, {@code phone}, {@code contactName}, {@code
 * contactEmail}, {@code address}, {@code taxNumber}, {@code notes}, {@code isActive}, {@code
 * createdAt}, {@code updatedAt}, {@code version}. Values are plain Java types: ids and strings as
 * {@link String}, {@code isActive} as {@link Boolean}, timestamps as {@link java.time.Instant},
 * {@code version} as {@link Long}. Null values are left out of the map.
 */
public interface RawStore {

  /**
   * @param tenant a tenant
   * @return every stored customer of that tenant, soft-deleted ones included, sorted by id
   */
  List<Map<String, Object>> customers(TenantId tenant);
}
