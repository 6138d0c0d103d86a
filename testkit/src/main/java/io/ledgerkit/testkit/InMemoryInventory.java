package io.ledgerkit.testkit;

import io.ledgerkit.ConflictException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.inventory.InventoryRepository;
import io.ledgerkit.inventory.Movement;
import io.ledgerkit.inventory.MovementFilter;
import io.ledgerkit.inventory.SettingsCheckedInventoryRepository;
import io.ledgerkit.tenant.TenantId;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The reference stock ledger: every method atomic under the store's one lock, movements appended
 * only, a per-item counter changed with each movement.
 */
final class InMemoryInventory implements SettingsCheckedInventoryRepository {

  private static final Comparator<Movement> NEWEST_FIRST = Comparator.comparing(Movement::timestamp)
      .thenComparing(movement -> movement.id().toString()).reversed();

  private final Object lock;
  private final BiConsumer<TenantId, Long> settingsCheck;
  private final Map<UUID, Movement> movements = new LinkedHashMap<>();
  private final Set<String> timestamps = new HashSet<>();
  private final Map<String, Long> stock = new HashMap<>();

  /**
   * @param lock the store's lock, shared with its tenants
   * @param settingsCheck throws {@code SettingsChangedException} unless the tenant's settings are
   *     at the version given; called under the lock
   */
  InMemoryInventory(Object lock, BiConsumer<TenantId, Long> settingsCheck) {
    this.lock = lock;
    this.settingsCheck = settingsCheck;
  }

  @Override
  public OptionalLong record(Movement movement, boolean allowNegative) {
    synchronized (lock) {
      checkNew(movement);
      long after = stockLocked(movement.tenant(), movement.itemId()) + movement.quantityDelta();
      if (after < 0 && !allowNegative) {
        return OptionalLong.empty();
      }
      append(movement);
      return OptionalLong.of(after);
    }
  }

  @Override
  public OptionalLong record(Movement movement, boolean allowNegative, long settingsVersion) {
    synchronized (lock) {
      settingsCheck.accept(movement.tenant(), settingsVersion);
      return record(movement, allowNegative);
    }
  }

  @Override
  public OptionalLong recordTransfer(Movement out, Movement in, boolean allowNegativeAtSource) {
    synchronized (lock) {
      checkNew(out);
      checkNew(in);
      long after = stockLocked(out.tenant(), out.itemId()) + out.quantityDelta();
      if (after < 0 && !allowNegativeAtSource) {
        return OptionalLong.empty();
      }
      append(out);
      append(in);
      return OptionalLong.of(after);
    }
  }

  @Override
  public OptionalLong recordTransfer(Movement out, Movement in, boolean allowNegativeAtSource,
      long sourceSettingsVersion) {
    synchronized (lock) {
      settingsCheck.accept(out.tenant(), sourceSettingsVersion);
      return recordTransfer(out, in, allowNegativeAtSource);
    }
  }

  @Override
  public Optional<Movement> findById(TenantId tenant, UUID id) {
    synchronized (lock) {
      return Optional.ofNullable(movements.get(id)).filter(m -> m.tenant().equals(tenant));
    }
  }

  @Override
  public Page<Movement> find(TenantId tenant, MovementFilter filter, PageRequest page) {
    synchronized (lock) {
      List<Movement> matches = movements.values().stream()
          .filter(m -> m.tenant().equals(tenant))
          .filter(matching(filter))
          .sorted(NEWEST_FIRST)
          .toList();
      List<Movement> slice = matches.stream().skip(page.offset()).limit(page.limit()).toList();
      return new Page<>(slice, matches.size(), page.offset(), page.limit());
    }
  }

  @Override
  public long stockOf(TenantId tenant, String itemId) {
    synchronized (lock) {
      return stockLocked(tenant, itemId);
    }
  }

  @Override
  public Map<String, Long> stockOf(TenantId tenant, Collection<String> itemIds) {
    synchronized (lock) {
      Map<String, Long> result = new LinkedHashMap<>();
      for (String itemId : itemIds) {
        result.put(itemId, stockLocked(tenant, itemId));
      }
      return result;
    }
  }

  /** @return every stored movement of the tenant, sorted by id */
  List<Movement> stored(TenantId tenant) {
    synchronized (lock) {
      return movements.values().stream().filter(m -> m.tenant().equals(tenant))
          .sorted(Comparator.comparing(m -> m.id().toString())).toList();
    }
  }

  /** @return the tenant's per-item counters, sorted by item */
  Map<String, Long> counters(TenantId tenant) {
    synchronized (lock) {
      Map<String, Long> result = new TreeMap<>();
      stock.forEach((key, value) -> {
        if (key.startsWith(tenant.value() + "\u0000")) {
          result.put(key.substring(tenant.value().length() + 1), value);
        }
      });
      return result;
    }
  }

  private void checkNew(Movement movement) {
    InventoryRepository.requireStorable(movement);
    if (movements.containsKey(movement.id())) {
      throw new ConflictException("movement", movement.tenant(), movement.id(), "id taken");
    }
    if (timestamps.contains(timestampKey(movement))) {
      throw InventoryRepository.duplicateTimestamp(movement);
    }
  }

  private void append(Movement movement) {
    movements.put(movement.id(), movement);
    timestamps.add(timestampKey(movement));
    stock.merge(itemKey(movement.tenant(), movement.itemId()), movement.quantityDelta(), Long::sum);
  }

  private long stockLocked(TenantId tenant, String itemId) {
    return stock.getOrDefault(itemKey(tenant, itemId), 0L);
  }

  private static Predicate<Movement> matching(MovementFilter filter) {
    return m -> (filter.itemId() == null || filter.itemId().equals(m.itemId()))
        && (filter.type() == null || filter.type() == m.type())
        && (filter.from() == null || !m.timestamp().isBefore(filter.from()))
        && (filter.to() == null || m.timestamp().isBefore(filter.to()))
        && (filter.userId() == null || filter.userId().equals(m.userId()));
  }

  private static String itemKey(TenantId tenant, String itemId) {
    return tenant.value() + "\u0000" + itemId;
  }

  private static String timestampKey(Movement movement) {
    return itemKey(movement.tenant(), movement.itemId()) + "\u0000" + movement.timestamp();
  }
}
