package io.ledgerkit.inventory;

import static io.ledgerkit.internal.Inputs.required;

import io.ledgerkit.ConflictException;
import io.ledgerkit.FieldError;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.ValidationException;
import io.ledgerkit.internal.Operations;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Permission;
import io.ledgerkit.tenant.Tenant;
import io.ledgerkit.tenant.TenantGuard;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A store's stock ledger: record movements, corrections and transfers, list them, and read stock
 * on hand, for one caller at a time. There is no way to change or delete a movement.
 *
 * <p>Guarantees, on every persistence adapter alike:
 *
 * <ul>
 *   <li>Sales and damage decrease stock, restocks increase it, adjustments, corrections and
 *       transfer legs go either way; no movement is zero. Manual adjustments and corrections carry
 *       a reason; a correction references a movement of the same item in the same store.
 *   <li>Timestamps are cut to milliseconds, and an item has at most one movement per timestamp: a
 *       second one is a {@link ConflictException} and writes nothing.
 *   <li>An item's stock on hand equals the sum of its movements at every moment, under concurrent
 *       writers. Unless the store allows negative stock, a movement that would take stock below
 *       zero is refused with an {@link InsufficientStockException}, atomically: no overselling
 *       between the check and the write. A movement that raises stock is never refused.
 *   <li>A transfer is two movements, out of one store and into another, with one transfer id:
 *       both are recorded or neither.
 *   <li>Movements of another store do not exist for the caller.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class InventoryService {

  /** The most items one stock read may ask for. */
  public static final int MAX_ITEMS_PER_READ = 1_000;
  private static final String ENTITY = "movement";

  private final GuardedInventoryRepository movements;
  private final TenantGuard guard;
  private final Clock clock;
  private final Operations operations;
  private final Duration futureTolerance;

  /**
   * @param movements where movements and stock are stored
   * @param guard the gate that checks caller, permission and tenant
   * @param clock the source of timestamps
   * @param operations reports every operation as it ends
   * @param futureTolerance how far past the clock's now a movement's timestamp may lie
   */
  public InventoryService(InventoryRepository movements, TenantGuard guard, Clock clock,
      Operations operations, Duration futureTolerance) {
    this.movements = new GuardedInventoryRepository(movements);
    this.guard = guard;
    this.clock = clock;
    this.operations = operations;
    this.futureTolerance = futureTolerance;
  }

  /**
   * Records a movement and applies it to the item's stock, as one.
   *
   * @param caller who asks; needs {@link Permission#INVENTORY_WRITE}
   * @param draft the movement; see {@link MovementDraft} for corrections
   * @return the movement as stored and the item's stock right after it
   * @throws ValidationException if the draft is invalid: every failing field; also when a
   *     correction's movement does not exist in the caller's store or is of another item
   * @throws InsufficientStockException if the movement lowers the stock to below zero and the
   *     store does not allow it; nothing written (a movement that raises stock is never refused,
   *     even if stock stays below zero)
   * @throws ConflictException if the item has a movement at that timestamp; nothing written
   */
  public RecordedMovement record(Caller caller, MovementDraft draft) {
    return operations.call("inventory.record", () -> {
      TenantScope scope = authorizeWrite(caller);
      Movement movement = checked(scope.id(), caller, required(draft, "draft"));
      // Only a decrease can oversell: stock already below zero (from when the store allowed it)
      // may always be raised.
      long stock = scope.write(tenant -> stockAfter(movements.record(movement,
          tenant.settings().allowNegativeStock() || movement.quantityDelta() > 0,
          tenant.version()), movement));
      return new RecordedMovement(movement, stock);
    });
  }

  /**
   * Moves stock from the caller's store to another store of the same user: a negative {@link
   * MovementType#TRANSFER} out of the source and a positive one into the destination, sharing one
   * transfer id and the timestamp, recorded both or neither.
   *
   * @param from the user in the source store; needs {@link Permission#INVENTORY_WRITE} there
   * @param to the same user in the destination store; needs {@link Permission#INVENTORY_WRITE}
   *     there
   * @param draft the item, quantity and time
   * @return both legs and the source's stock afterwards
   * @throws ValidationException if the draft is invalid, the stores are the same, or the callers
   *     are different users
   * @throws io.ledgerkit.AccessDeniedException if the user may not record movements in either store
   * @throws InsufficientStockException if the source's stock would go below zero and the source
   *     store does not allow it; nothing written
   * @throws ConflictException if either item has a movement at that timestamp; nothing written
   */
  public Transfer transfer(Caller from, Caller to, TransferDraft draft) {
    return operations.call("inventory.transfer", () -> {
      Caller source = required(from, "from");
      Caller destination = required(to, "to");
      if (source.tenant().equals(destination.tenant())) {
        throw ValidationException.of("to", FieldError.INVALID,
            "a transfer moves stock between two stores; within one store record adjustments");
      }
      if (!source.userId().equals(destination.userId())) {
        throw ValidationException.of("to", FieldError.INVALID,
            "both sides of a transfer are the same user, each with a role in their store");
      }
      TenantScope scope = authorizeWrite(source);
      TenantId target = guard.authorize(destination, Permission.INVENTORY_WRITE).id();
      Legs legs = checked(scope.id(), target, source, required(draft, "draft"));
      long stock = scope.write(tenant -> stockAfter(movements.recordTransfer(legs.out(), legs.in(),
          tenant.settings().allowNegativeStock(), tenant.version()), legs.out()));
      return new Transfer(Objects.requireNonNull(legs.out().transferId()), legs.out(), legs.in(),
          stock);
    });
  }

  /**
   * @param caller who asks; needs {@link Permission#INVENTORY_READ}
   * @param id a movement id
   * @return the movement, if it exists in the caller's store
   */
  public Optional<Movement> findById(Caller caller, UUID id) {
    return operations.call("inventory.findById", () -> {
      TenantId tenant = authorize(caller);
      return movements.findById(tenant, required(id, "id"));
    });
  }

  /**
   * Lists movements, newest first (by timestamp, then id).
   *
   * @param caller who asks; needs {@link Permission#INVENTORY_READ}
   * @param filter the criteria; {@link MovementFilter#all()} for every movement
   * @param page which slice
   * @return the matches of that slice and the total count
   * @throws ValidationException if a criterion is invalid
   */
  public Page<Movement> list(Caller caller, MovementFilter filter, PageRequest page) {
    return operations.call("inventory.list", () -> {
      TenantId tenant = authorize(caller);
      MovementFilter checked = checked(required(filter, "filter"));
      return movements.find(tenant, checked, required(page, "page"));
    });
  }

  /**
   * @param caller who asks
   * @param filter the criteria
   * @return the first {@link PageRequest#DEFAULT_LIMIT} matches, newest first
   */
  public Page<Movement> list(Caller caller, MovementFilter filter) {
    return list(caller, filter, PageRequest.FIRST);
  }

  /**
   * @param caller who asks; needs {@link Permission#INVENTORY_READ}
   * @param itemId an item
   * @return its stock on hand in the caller's store: the sum of its movements, 0 if it has none
   */
  public long stockOnHand(Caller caller, String itemId) {
    return operations.call("inventory.stockOnHand", () -> {
      TenantId tenant = authorize(caller);
      InventoryRules rules = new InventoryRules();
      String item = rules.itemId("itemId", itemId, true);
      rules.throwIfInvalid();
      return movements.stockOf(tenant, Objects.requireNonNull(item));
    });
  }

  /**
   * @param caller who asks; needs {@link Permission#INVENTORY_READ}
   * @param itemIds items, at most {@value #MAX_ITEMS_PER_READ} different ones
   * @return the stock on hand of each, in the order asked, 0 for an item without movements
   */
  public Map<String, Long> stockOnHand(Caller caller, Collection<String> itemIds) {
    return operations.call("inventory.stockOnHand", () -> {
      TenantId tenant = authorize(caller);
      required(itemIds, "itemIds");
      InventoryRules rules = new InventoryRules();
      Set<String> items = new LinkedHashSet<>();
      int index = 0;
      for (String itemId : itemIds) {
        String item = rules.itemId("itemIds[" + index++ + "]", itemId, true);
        if (item != null) {
          items.add(item);
        }
      }
      rules.throwIfInvalid();
      if (items.size() > MAX_ITEMS_PER_READ) {
        throw ValidationException.of("itemIds", FieldError.INVALID,
            "at most " + MAX_ITEMS_PER_READ + " items per read");
      }
      if (items.isEmpty()) {
        return Map.of();
      }
      Map<String, Long> stored = movements.stockOf(tenant, items);
      Map<String, Long> result = new LinkedHashMap<>();
      for (String item : items) {
        result.put(item, stored.getOrDefault(item, 0L));
      }
      return result;
    });
  }

  private long stockAfter(OptionalLong stock, Movement movement) {
    if (stock.isEmpty()) {
      throw new InsufficientStockException(movement.tenant(), movement.itemId(),
          movement.quantityDelta());
    }
    return stock.getAsLong();
  }

  private Movement checked(TenantId tenant, Caller caller, MovementDraft draft) {
    InventoryRules rules = new InventoryRules();
    MovementType type = draft.type();
    if (type == null) {
      rules.add(new FieldError("type", FieldError.REQUIRED, "a movement type is required"));
    }
    boolean correction = type == MovementType.CORRECTION;
    String itemId = rules.itemId("itemId", draft.itemId(), !correction);
    Long quantity = rules.quantity("quantityDelta", draft.quantityDelta());
    if (quantity != null && type != null && !type.allows(quantity)) {
      rules.add(new FieldError("quantityDelta", FieldError.INVALID, type.signRule()));
    }
    if (type == MovementType.TRANSFER) {
      rules.add(new FieldError("type", FieldError.NOT_ALLOWED,
          "transfers are recorded with transfer(), both legs at once"));
    }
    String reason = rules.reason("reason", draft.reason(), type != null && type.requiresReason(),
        "for a " + (type == null ? "movement" : type.apiName()));
    if (correction && draft.correctsId() == null) {
      rules.add(new FieldError("correctsId", FieldError.REQUIRED,
          "a correction references the movement it corrects"));
    } else if (!correction && draft.correctsId() != null) {
      rules.add(new FieldError("correctsId", FieldError.NOT_ALLOWED,
          "only a correction references another movement"));
    }
    Instant now = now();
    Instant timestamp = rules.timestamp("timestamp", draft.timestamp(), now, latest(now));
    rules.throwIfInvalid();
    if (correction) {
      itemId = correctedItem(tenant, Objects.requireNonNull(draft.correctsId()), itemId);
    }
    return new Movement(UUID.randomUUID(), tenant, Objects.requireNonNull(itemId),
        Objects.requireNonNull(quantity), Objects.requireNonNull(type),
        Objects.requireNonNull(timestamp), caller.userId(), reason,
        correction ? draft.correctsId() : null, null, now);
  }

  /** @return the item of the corrected movement, which must match the one given, if any */
  private String correctedItem(TenantId tenant, UUID correctsId, @Nullable String itemId) {
    Movement corrected = movements.findById(tenant, correctsId).orElseThrow(() ->
        ValidationException.of("correctsId", FieldError.INVALID,
            "no movement " + correctsId + " in this store"));
    if (itemId != null && !itemId.equals(corrected.itemId())) {
      throw ValidationException.of("itemId", FieldError.INVALID,
          "the corrected movement is of another item");
    }
    return corrected.itemId();
  }

  private Legs checked(TenantId source, TenantId destination, Caller caller, TransferDraft draft) {
    InventoryRules rules = new InventoryRules();
    String itemId = rules.itemId("itemId", draft.itemId(), true);
    String destinationItemId = draft.destinationItemId() == null ? itemId
        : rules.itemId("destinationItemId", draft.destinationItemId(), false);
    Long quantity = rules.quantity("quantity", draft.quantity());
    if (quantity != null && quantity < 0) {
      rules.add(new FieldError("quantity", FieldError.INVALID,
          "must be positive: the stock that leaves the source store"));
    }
    String reason = rules.reason("reason", draft.reason(), false, "");
    Instant now = now();
    Instant timestamp = rules.timestamp("timestamp", draft.timestamp(), now, latest(now));
    rules.throwIfInvalid();
    UUID transferId = UUID.randomUUID();
    long amount = Objects.requireNonNull(quantity);
    Instant at = Objects.requireNonNull(timestamp);
    Movement out = new Movement(UUID.randomUUID(), source, Objects.requireNonNull(itemId), -amount,
        MovementType.TRANSFER, at, caller.userId(), reason, null, transferId, now);
    Movement in = new Movement(UUID.randomUUID(), destination,
        Objects.requireNonNull(destinationItemId), amount, MovementType.TRANSFER, at,
        caller.userId(), reason, null, transferId, now);
    return new Legs(out, in);
  }

  private MovementFilter checked(MovementFilter filter) {
    InventoryRules rules = new InventoryRules();
    String itemId = rules.itemId("itemId", filter.itemId(), false);
    String userId = rules.itemId("userId", filter.userId(), false);
    Instant from = bound(filter.from());
    Instant to = bound(filter.to());
    if (from != null && to != null && from.isAfter(to)) {
      rules.add(new FieldError("to", FieldError.INVALID, "must not be before from"));
    }
    rules.throwIfInvalid();
    return new MovementFilter(itemId, filter.type(), from, to, userId);
  }

  /**
   * A filter bound in the milliseconds movements have: rounded up (a movement at a whole
   * millisecond before a bound inside it lies before the bound), and held within the years every
   * store can compare, which changes no answer since no movement lies outside them.
   */
  private static @Nullable Instant bound(@Nullable Instant value) {
    if (value == null) {
      return null;
    }
    if (value.isBefore(InventoryRules.EARLIEST)) {
      return InventoryRules.EARLIEST;
    }
    if (value.isAfter(InventoryRules.LATEST_BOUND)) {
      return InventoryRules.LATEST_BOUND;
    }
    Instant millis = value.truncatedTo(ChronoUnit.MILLIS);
    return millis.equals(value) ? millis : millis.plusMillis(1);
  }

  private TenantScope authorizeWrite(Caller caller) {
    return guard.authorizeWrite(required(caller, "caller"), Permission.INVENTORY_WRITE,
        movements.checksSettingsVersion());
  }

  private TenantId authorize(@Nullable Caller caller) {
    return guard.authorize(required(caller, "caller"), Permission.INVENTORY_READ).id();
  }

  private Instant latest(Instant now) {
    return now.plus(futureTolerance);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Both legs of a transfer. */
  private record Legs(Movement out, Movement in) {}
}
