package io.ledgerkit.jpa;

import io.ledgerkit.ConflictException;
import io.ledgerkit.LedgerkitException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.inventory.InventoryRepository;
import io.ledgerkit.inventory.Movement;
import io.ledgerkit.inventory.MovementFilter;
import io.ledgerkit.inventory.SettingsCheckedInventoryRepository;
import io.ledgerkit.tenant.SettingsChangedException;
import io.ledgerkit.tenant.TenantId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Movements in {@code ledgerkit_movement} and each item's stock on hand in {@code
 * ledgerkit_stock}. A movement and its stock change are written by one statement ({@link
 * InventoryStatements#RECORD}), a transfer's two legs and both stock changes by one statement too
 * ({@link InventoryStatements#TRANSFER}), so each is stored whole or not at all, with nothing left
 * for {@link #recover()} to do; stock on hand is read from its row, never summed. Every call runs
 * on a pooled connection in auto-commit, or inside a host's transaction in a savepoint ({@link
 * Transactor#statement}); a listing reads its count and its page in one transaction.
 *
 * <p>Every statement is scoped by {@code tenant_id}. Every string is checked before it is sent
 * ({@link InventoryRepository#requireStorable(Movement)}): PostgreSQL would alter an unpaired
 * surrogate and refuses NUL.
 */
final class JpaInventoryRepository implements SettingsCheckedInventoryRepository {

  private static final String ENTITY = "movement";

  private final Transactor transactor;

  JpaInventoryRepository(Transactor transactor) {
    this.transactor = transactor;
  }

  @Override
  public OptionalLong record(Movement movement, boolean allowNegative) {
    return record(movement, allowNegative, OptionalLong.empty());
  }

  @Override
  public OptionalLong record(Movement movement, boolean allowNegative, long settingsVersion) {
    return record(movement, allowNegative, OptionalLong.of(settingsVersion));
  }

  private OptionalLong record(Movement movement, boolean allowNegative,
      OptionalLong settingsVersion) {
    InventoryRepository.requireStorable(Objects.requireNonNull(movement, "movement"));
    InventoryStatements.Outcome outcome = transactor.statement("record", conflictOn(movement),
        connection -> InventoryStatements.record(connection, movement, allowNegative,
            settingsVersion));
    if (!outcome.settingsCurrent()) {
      throw new SettingsChangedException(movement.tenant(), settingsVersion.getAsLong());
    }
    return outcome.onHand();
  }

  @Override
  public OptionalLong recordTransfer(Movement out, Movement in, boolean allowNegativeAtSource) {
    return recordTransfer(out, in, allowNegativeAtSource, OptionalLong.empty());
  }

  @Override
  public OptionalLong recordTransfer(Movement out, Movement in, boolean allowNegativeAtSource,
      long sourceSettingsVersion) {
    return recordTransfer(out, in, allowNegativeAtSource, OptionalLong.of(sourceSettingsVersion));
  }

  private OptionalLong recordTransfer(Movement out, Movement in, boolean allowNegativeAtSource,
      OptionalLong settingsVersion) {
    InventoryRepository.requireStorable(Objects.requireNonNull(out, "out"));
    InventoryRepository.requireStorable(Objects.requireNonNull(in, "in"));
    if (out.tenant().equals(in.tenant())) {
      // The statement tells the legs apart by their tenant.
      throw new IllegalArgumentException("a transfer's legs are in two different tenants");
    }
    TransferConflicts conflicts = new TransferConflicts(out);
    InventoryStatements.Outcome outcome;
    try {
      outcome = transactor.statement("recordTransfer", conflicts,
          connection -> InventoryStatements.transfer(connection, out, in, allowNegativeAtSource,
              settingsVersion));
    } catch (ConflictException conflict) {
      throw conflicts.timestampTaken ? takenLeg(out, in, conflict) : conflict;
    }
    if (!outcome.settingsCurrent()) {
      throw new SettingsChangedException(out.tenant(), settingsVersion.getAsLong());
    }
    return outcome.onHand();
  }

  /**
   * Tells which leg's timestamp was taken, by reading both keys: the unique violation names the
   * constraint, which both legs share, and its detail quotes the key's values, which are data.
   */
  private ConflictException takenLeg(Movement out, Movement in, ConflictException conflict) {
    try {
      boolean[] taken = transactor.statement("recordTransfer", conflictOn(out),
          connection -> InventoryStatements.timestampsTaken(connection, out, in));
      return InventoryRepository.duplicateTimestamp(!taken[0] && taken[1] ? in : out);
    } catch (LedgerkitException e) {
      // The conflict stands; only telling the legs apart failed.
      conflict.addSuppressed(e);
      return conflict;
    }
  }

  @Override
  public Optional<Movement> findById(TenantId tenant, UUID id) {
    InventoryRepository.requireStorable(tenant, null);
    return transactor.statement("findById", conflictOn(tenant, id),
        connection -> InventoryStatements.byId(connection, tenant, id));
  }

  @Override
  public Page<Movement> find(TenantId tenant, MovementFilter filter, PageRequest page) {
    InventoryRepository.requireStorable(tenant, filter);
    return transactor.page("find", conflictOn(tenant, null),
        new InventoryStatements.Matching(tenant, filter), page);
  }

  @Override
  public long stockOf(TenantId tenant, String itemId) {
    InventoryRepository.requireStorable(tenant, MovementFilter.all().withItemId(itemId));
    return transactor.statement("stockOf", conflictOn(tenant, null),
        connection -> InventoryStatements.stockOf(connection, tenant, itemId));
  }

  @Override
  public Map<String, Long> stockOf(TenantId tenant, Collection<String> itemIds) {
    InventoryRepository.requireStorable(tenant, null);
    for (String itemId : itemIds) {
      InventoryRepository.requireStorable(tenant, MovementFilter.all().withItemId(itemId));
    }
    if (itemIds.isEmpty()) {
      return Map.of();
    }
    Map<String, Long> stored = transactor.statement("stockOf", conflictOn(tenant, null),
        connection -> InventoryStatements.stockOf(connection, tenant, itemIds));
    Map<String, Long> stock = new HashMap<>();
    for (String itemId : itemIds) {
      stock.put(itemId, stored.getOrDefault(itemId, 0L));
    }
    return stock;
  }

  /** A movement's conflicts: its timestamp taken for its item, or its id taken. */
  private static Transactor.ConflictMapper conflictOn(Movement movement) {
    return (violation, cause) -> InventoryStatements.TIMESTAMP_KEY.equals(violation.constraint())
        ? InventoryRepository.duplicateTimestamp(movement)
        : new ConflictException(ENTITY, movement.tenant(), movement.id(),
            reason(violation.constraint()), cause);
  }

  private static Transactor.ConflictMapper conflictOn(TenantId tenant, @Nullable UUID id) {
    return (violation, cause) -> new ConflictException(ENTITY, tenant, id,
        reason(violation.constraint()), cause);
  }

  /** Names what collided, never the colliding values. */
  private static String reason(@Nullable String constraint) {
    if (InventoryStatements.MOVEMENT_PRIMARY_KEY.equals(constraint)) {
      return "the id is taken";
    }
    return "a unique key is taken" + (constraint == null ? "" : " (" + constraint + ")");
  }

  /**
   * A transfer's conflicts, remembering whether a timestamp was taken, so that the call can then
   * tell which leg's.
   */
  private static final class TransferConflicts implements Transactor.ConflictMapper {
    private final Movement out;
    private boolean timestampTaken;

    TransferConflicts(Movement out) {
      this.out = out;
    }

    @Override
    public ConflictException conflict(StorageErrors.UniqueViolation violation, Throwable cause) {
      timestampTaken = InventoryStatements.TIMESTAMP_KEY.equals(violation.constraint());
      return new ConflictException(ENTITY, out.tenant(), out.transferId(),
          reason(violation.constraint()), cause);
    }
  }
}
