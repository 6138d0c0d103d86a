package io.ledgerkit.inventory;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A movement to record, as the host gives it; every value is checked by {@link
 * InventoryService#record}. Immutable: each {@code with} method returns a new draft.
 *
 * <pre>{@code
 * inventory.record(staff, MovementDraft.of("sku-42", MovementType.SALE, -2));
 * inventory.record(staff, MovementDraft.of("sku-42", MovementType.MANUAL_ADJUSTMENT, 3)
 *     .withReason("counted on shelf"));
 * inventory.record(staff, MovementDraft.correcting(sale.id(), 1, "sold 1, not 2"));
 * }</pre>
 *
 * @param itemId the inventory item; for a correction it may be left out (the corrected
 *     movement's item is used), and if given must be that item
 * @param type what kind of movement it is
 * @param quantityDelta how much stock changes; the sign must suit the type
 * @param timestamp when it happened; null for now. Cut to milliseconds
 * @param reason why; required for manual adjustments and corrections
 * @param correctsId the movement a correction fixes; required for a correction, refused otherwise
 */
public record MovementDraft(
    @Nullable String itemId,
    @Nullable MovementType type,
    @Nullable Long quantityDelta,
    @Nullable Instant timestamp,
    @Nullable String reason,
    @Nullable UUID correctsId) {

  /**
   * @param itemId the inventory item
   * @param type what kind of movement it is
   * @param quantityDelta how much stock changes
   * @return a draft happening now, without a reason
   */
  public static MovementDraft of(@Nullable String itemId, @Nullable MovementType type,
      long quantityDelta) {
    return new MovementDraft(itemId, type, quantityDelta, null, null, null);
  }

  /**
   * @param correctsId the movement to fix
   * @param quantityDelta how much stock changes to fix it
   * @param reason why
   * @return a correction of that movement's item, happening now
   */
  public static MovementDraft correcting(@Nullable UUID correctsId, long quantityDelta,
      @Nullable String reason) {
    return new MovementDraft(null, MovementType.CORRECTION, quantityDelta, null, reason, correctsId);
  }

  /** @return this draft happening at that time instead of now */
  public MovementDraft at(@Nullable Instant value) {
    return new MovementDraft(itemId, type, quantityDelta, value, reason, correctsId);
  }

  /** @return this draft with a reason */
  public MovementDraft withReason(@Nullable String value) {
    return new MovementDraft(itemId, type, quantityDelta, timestamp, value, correctsId);
  }

  /** @return this draft for another item */
  public MovementDraft withItemId(@Nullable String value) {
    return new MovementDraft(value, type, quantityDelta, timestamp, reason, correctsId);
  }
}
