package io.ledgerkit.inventory;

import io.ledgerkit.ConflictException;
import io.ledgerkit.tenant.TenantId;

/**
 * A movement would have taken an item's stock below zero in a store that does not allow negative
 * stock; nothing was written.
 */
public final class InsufficientStockException extends ConflictException {

  private final String itemId;
  private final long quantityDelta;

  /**
   * @param tenant the store
   * @param itemId the item
   * @param quantityDelta the refused change
   */
  public InsufficientStockException(TenantId tenant, String itemId, long quantityDelta) {
    super("stock", tenant, itemId, "insufficient stock for a change of " + quantityDelta
        + " (this store does not allow negative stock)");
    this.itemId = itemId;
    this.quantityDelta = quantityDelta;
  }

  /** @return the item whose stock was too low */
  public String itemId() {
    return itemId;
  }

  /** @return the refused change */
  public long quantityDelta() {
    return quantityDelta;
  }
}
