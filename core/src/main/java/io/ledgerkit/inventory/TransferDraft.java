package io.ledgerkit.inventory;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A transfer of stock between two stores, as the host gives it; checked by {@link
 * InventoryService#transfer}. Immutable.
 *
 * @param itemId the item in the source store
 * @param destinationItemId the item in the destination store; null for the same id
 * @param quantity how much moves; positive
 * @param timestamp when it happened, the time of both legs; null for now. Cut to milliseconds
 * @param reason why, or null
 */
public record TransferDraft(
    @Nullable String itemId,
    @Nullable String destinationItemId,
    @Nullable Long quantity,
    @Nullable Instant timestamp,
    @Nullable String reason) {

  /**
   * @param itemId the item, under the same id in both stores
   * @param quantity how much moves; positive
   * @return a draft happening now
   */
  public static TransferDraft of(@Nullable String itemId, long quantity) {
    return new TransferDraft(itemId, null, quantity, null, null);
  }

  /** @return this draft arriving as another item of the destination store */
  public TransferDraft toItem(@Nullable String value) {
    return new TransferDraft(itemId, value, quantity, timestamp, reason);
  }

  /** @return this draft happening at that time instead of now */
  public TransferDraft at(@Nullable Instant value) {
    return new TransferDraft(itemId, destinationItemId, quantity, value, reason);
  }

  /** @return this draft with a reason */
  public TransferDraft withReason(@Nullable String value) {
    return new TransferDraft(itemId, destinationItemId, quantity, timestamp, value);
  }
}
