package io.ledgerkit.testkit;

import io.ledgerkit.tenant.TenantId;
import java.util.List;
import java.util.Map;

/**
 * Reads an adapter's movements and stock directly, bypassing the adapter under test, so that the
 * inventory contract can check what really was written, and that refused operations wrote nothing.
 *
 * <p>Records come back as maps of the stored fields under the engine's own names (columns or
 * document fields), values as the driver returns them; the contract compares a tenant's records
 * before and after an operation and counts them, so any stable representation will do, as long as
 * every stored field is in it.
 */
public interface InventoryRawStore {

  /**
   * @param tenant a tenant
   * @return every stored movement record of that tenant, sorted by id: movements, and whatever
   *     else the engine keeps beside them in the same place (reservations, markers)
   */
  List<Map<String, Object>> movements(TenantId tenant);

  /**
   * @param tenant a tenant
   * @return every stored stock record of that tenant (per-item counters), sorted by item; empty
   *     for an engine that keeps stock inside the movement records
   */
  List<Map<String, Object>> stock(TenantId tenant);

  /**
   * Counts the stored movements of an item by the store's own query, bypassing the adapter under
   * test: movements only, not reservations or markers.
   *
   * @param tenant a tenant
   * @param itemId an item
   * @return the sum of the quantity deltas of the item's movements
   */
  long sumOfMovements(TenantId tenant, String itemId);
}
