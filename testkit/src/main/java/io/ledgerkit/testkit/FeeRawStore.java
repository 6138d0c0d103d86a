package io.ledgerkit.testkit;

import io.ledgerkit.tenant.TenantId;
import java.util.List;
import java.util.Map;

/**
 * Reads an adapter's fees and fee events directly, bypassing the adapter under test, so that the
 * fee contract can check what really was written, and that refused operations wrote nothing.
 *
 * <p>Records come back as maps of the stored fields under the engine's own names (columns or
 * document fields), values as the driver returns them; the contract only compares a tenant's
 * records before and after an operation and counts them, so any stable representation will do, as
 * long as every stored field is in it. Fields pending a copy (MongoDB's pending events) belong to
 * the fee's map.
 */
public interface FeeRawStore {

  /**
   * @param tenant a tenant
   * @return every stored fee of that tenant, soft-deleted ones included, sorted by id
   */
  List<Map<String, Object>> fees(TenantId tenant);

  /**
   * @param tenant a tenant
   * @return every stored fee event of that tenant, sorted by id
   */
  List<Map<String, Object>> events(TenantId tenant);
}
