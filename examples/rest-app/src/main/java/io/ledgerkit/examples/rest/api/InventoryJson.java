package io.ledgerkit.examples.rest.api;

import io.ledgerkit.inventory.Movement;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.inventory.RecordedMovement;
import io.ledgerkit.inventory.Transfer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The JSON of seed 004's inventory movement and of stock on hand, under the seed's names. */
public final class InventoryJson {

  private InventoryJson() {}

  /**
   * A movement as stored; never changed or deleted.
   *
   * @param id its id
   * @param storeId the store (the tenant)
   * @param inventoryItemId the item
   * @param quantityDelta the change: positive in, negative out
   * @param movementType {@code sale}, {@code restock}, {@code manualAdjustment}, {@code
   *     correction}, {@code damage}, {@code transfer}
   * @param movementTypeIdx its index, 0 to 5
   * @param movementTimestamp when it happened, to the millisecond; unique per item in the store
   * @param userId who performed it
   * @param movementReason why
   * @param correctsId the movement a correction fixes
   * @param transferId the id both legs of a transfer share
   * @param recordedAt when it was recorded
   */
  public record MovementView(UUID id, String storeId, String inventoryItemId, long quantityDelta,
      String movementType, int movementTypeIdx, Instant movementTimestamp, String userId,
      @Nullable String movementReason, @Nullable UUID correctsId, @Nullable UUID transferId,
      Instant recordedAt) {

    static MovementView of(Movement m) {
      return new MovementView(m.id(), m.tenant().value(), m.itemId(), m.quantityDelta(),
          m.type().apiName(), m.type().index(), m.timestamp(), m.userId(), m.reason(),
          m.correctsId(), m.transferId(), m.recordedAt());
    }
  }

  /**
   * A movement to record.
   *
   * @param inventoryItemId the item; required
   * @param movementType the type; required ({@code transfer} legs come from {@code
   *     /inventory-transfers}, corrections from {@code /inventory-movements/{id}/corrections})
   * @param quantityDelta the change, non-zero, with the type's sign
   * @param movementTimestamp when it happened; now when not given
   * @param movementReason why; required for manual adjustments
   */
  public record MovementInput(@Nullable String inventoryItemId, @Nullable String movementType,
      @Nullable Long quantityDelta, @Nullable Instant movementTimestamp,
      @Nullable String movementReason) {}

  /**
   * A correction of the movement in the path.
   *
   * @param quantityDelta the change that fixes it, either sign
   * @param movementReason why; required
   * @param movementTimestamp when; now when not given
   * @param inventoryItemId the item; the corrected movement's when not given
   */
  public record CorrectionInput(@Nullable Long quantityDelta, @Nullable String movementReason,
      @Nullable Instant movementTimestamp, @Nullable String inventoryItemId) {}

  /**
   * Stock moving from the token's store to another store of the same user.
   *
   * @param inventoryItemId the item in the source store
   * @param destinationStoreId the other store; the token's {@code tenantRoles} must give the user
   *     a role there
   * @param destinationItemId the item in the destination store; the same id when not given
   * @param quantity how much moves, positive
   * @param movementTimestamp the time of both legs; now when not given
   * @param movementReason why
   */
  public record TransferInput(@Nullable String inventoryItemId, @Nullable String destinationStoreId,
      @Nullable String destinationItemId, @Nullable Long quantity,
      @Nullable Instant movementTimestamp, @Nullable String movementReason) {}

  /**
   * A recorded movement.
   *
   * @param movement the movement as stored
   * @param stockOnHand the item's stock right after it
   */
  public record Recorded(MovementView movement, long stockOnHand) {

    static Recorded of(RecordedMovement recorded) {
      return new Recorded(MovementView.of(recorded.movement()), recorded.stockOnHand());
    }
  }

  /**
   * A recorded transfer: both legs or neither.
   *
   * @param transferId the id both legs carry
   * @param out the leg out of the source store
   * @param in the leg into the destination store
   * @param sourceStockOnHand the source item's stock afterwards
   */
  public record TransferView(UUID transferId, MovementView out, MovementView in,
      long sourceStockOnHand) {

    static TransferView of(Transfer transfer) {
      return new TransferView(transfer.transferId(), MovementView.of(transfer.out()),
          MovementView.of(transfer.in()), transfer.sourceStockOnHand());
    }
  }

  /**
   * @param inventoryItemId the item
   * @param stockOnHand the sum of its movements in the store, 0 without any
   */
  public record Stock(String inventoryItemId, long stockOnHand) {}

  /**
   * @param items the stock of each item asked for, in the order asked
   */
  public record StockList(List<Stock> items) {}

  static @Nullable MovementType type(String field, @Nullable String value) {
    return Enums.parse(field, value, MovementType.values(), MovementType::apiName);
  }
}
