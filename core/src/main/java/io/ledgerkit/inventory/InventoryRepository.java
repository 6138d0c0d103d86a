package io.ledgerkit.inventory;

import io.ledgerkit.ConflictException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.internal.TextPolicy;
import io.ledgerkit.tenant.TenantId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where stock movements and stock on hand are stored: the SPI a persistence adapter implements.
 * Every method is atomic on its own and scoped to the tenant (store) it is given; every rule is the
 * core's.
 *
 * <p>A movement and the stock change it makes are one: {@link #record} stores both or neither, and
 * {@link #recordTransfer} both legs of a transfer with both stock changes or nothing, also across a
 * crash once {@link #recover} has run. So an item's stock on hand equals the sum of its movements
 * at every moment, under concurrent writers; reading it ({@link #stockOf}) does not add them up.
 * There is no method to change or delete a movement: the ledger is append-only.
 *
 * <p>{@code (tenant, itemId, timestamp)} is unique: a movement at a timestamp the item already
 * has is refused with {@link #duplicateTimestamp(Movement)} before any stock moves.
 *
 * <p>Contract: {@code io.ledgerkit.testkit.InventoryContractTest}.
 */
public interface InventoryRepository {

  /**
   * Records a movement and applies it to its item's stock, as one.
   *
   * @param movement the movement, timestamps in milliseconds
   * @param allowNegative whether the item's stock may end below zero
   * @return the item's stock on hand after the movement; empty, writing nothing, if the stock
   *     would end below zero and that is not allowed
   * @throws ConflictException ({@link #duplicateTimestamp}) if the item has a movement at that
   *     timestamp, or if the id is taken; nothing written
   * @throws io.ledgerkit.StorageException if the store failed; nothing written
   */
  OptionalLong record(Movement movement, boolean allowNegative);

  /**
   * Records both legs of a transfer, each with its stock change, as one: both or neither.
   *
   * @param out the leg out of the source store (negative), in its tenant
   * @param in the leg into the destination store (positive, same transfer id), in its tenant
   * @param allowNegativeAtSource whether the source item's stock may end below zero
   * @return the source item's stock after the transfer; empty, writing nothing, if it would end
   *     below zero and that is not allowed
   * @throws ConflictException ({@link #duplicateTimestamp}) if either item has a movement at that
   *     timestamp; nothing written
   * @throws io.ledgerkit.StorageException if the store failed; nothing written, or, for an engine
   *     whose source leg is the commit point, the transfer committed and its destination leg left
   *     for {@link #recover} to finish
   */
  OptionalLong recordTransfer(Movement out, Movement in, boolean allowNegativeAtSource);

  /** @return the movement with this id in the tenant */
  Optional<Movement> findById(TenantId tenant, UUID id);

  /**
   * @return the matching movements of the tenant, newest first (timestamp, then id as text,
   *     descending), with the total count
   */
  Page<Movement> find(TenantId tenant, MovementFilter filter, PageRequest page);

  /**
   * @return the item's stock on hand: the sum of its movements, 0 for an item without any; read
   *     without adding the movements up
   */
  long stockOf(TenantId tenant, String itemId);

  /**
   * @param itemIds distinct item ids
   * @return the stock on hand of every item asked for, 0 for an item without movements
   */
  Map<String, Long> stockOf(TenantId tenant, Collection<String> itemIds);

  /**
   * Finishes whatever a crash left half-written, so that every committed transfer has both legs.
   * Runs when the SDK is built; idempotent, and safe beside running writers. Adapters that write a
   * transfer in one transaction have nothing to do.
   */
  default void recover() {}

  /**
   * For adapters: the conflict to report when an item already has a movement at the timestamp.
   *
   * @param movement the refused movement
   * @return the exception to throw
   */
  static ConflictException duplicateTimestamp(Movement movement) {
    return new ConflictException("movement", movement.tenant(), movement.itemId(),
        "the item has a movement at " + movement.timestamp() + " already");
  }

  /**
   * For adapters, as defence in depth behind the core's text policy: refuses a movement holding a
   * string that a store could not keep exactly (an unpaired surrogate, a NUL). Call it before
   * writing.
   *
   * @param movement what is about to be written
   * @return the same movement
   * @throws io.ledgerkit.ValidationException naming the field that cannot be stored exactly
   */
  static Movement requireStorable(Movement movement) {
    TextPolicy.requireStorable("tenant", movement.tenant().value());
    TextPolicy.requireStorable("itemId", movement.itemId());
    TextPolicy.requireStorable("userId", movement.userId());
    TextPolicy.requireStorable("reason", movement.reason());
    return movement;
  }

  /**
   * For adapters: refuses values a store could not compare exactly. Call it before querying.
   *
   * @param tenant the tenant of the query
   * @param filter its criteria, or null for a lookup by id
   * @throws io.ledgerkit.ValidationException naming the value that cannot be sent exactly
   */
  static void requireStorable(TenantId tenant, @Nullable MovementFilter filter) {
    TextPolicy.requireStorable("tenant", tenant.value());
    if (filter != null) {
      TextPolicy.requireStorable("itemId", filter.itemId());
      TextPolicy.requireStorable("userId", filter.userId());
    }
  }
}
