package io.ledgerkit.inventory;

import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.internal.StoreCalls;
import io.ledgerkit.tenant.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Wraps an adapter so that whatever it lets slip reaches the host as a {@code StorageException},
 * never as a driver type; and, as defence in depth, never hands out a movement whose tenant is not
 * exactly the caller's.
 */
final class GuardedInventoryRepository implements SettingsCheckedInventoryRepository {

  private final InventoryRepository delegate;
  private final @Nullable SettingsCheckedInventoryRepository checked;

  GuardedInventoryRepository(InventoryRepository delegate) {
    this.delegate = delegate;
    this.checked = delegate instanceof SettingsCheckedInventoryRepository capable ? capable : null;
  }

  /** @return whether the adapter checks the settings version in the write itself */
  boolean checksSettingsVersion() {
    return checked != null;
  }

  @Override
  public OptionalLong record(Movement movement, boolean allowNegative) {
    return guard("record", () -> delegate.record(movement, allowNegative));
  }

  @Override
  public OptionalLong record(Movement movement, boolean allowNegative, long settingsVersion) {
    SettingsCheckedInventoryRepository store = checked;
    return store == null ? record(movement, allowNegative)
        : guard("record", () -> store.record(movement, allowNegative, settingsVersion));
  }

  @Override
  public OptionalLong recordTransfer(Movement out, Movement in, boolean allowNegativeAtSource) {
    return guard("recordTransfer", () -> delegate.recordTransfer(out, in, allowNegativeAtSource));
  }

  @Override
  public OptionalLong recordTransfer(Movement out, Movement in, boolean allowNegativeAtSource,
      long sourceSettingsVersion) {
    SettingsCheckedInventoryRepository store = checked;
    return store == null ? recordTransfer(out, in, allowNegativeAtSource)
        : guard("recordTransfer",
            () -> store.recordTransfer(out, in, allowNegativeAtSource, sourceSettingsVersion));
  }

  @Override
  public Optional<Movement> findById(TenantId tenant, UUID id) {
    return guard("findById", () -> delegate.findById(tenant, id))
        .filter(movement -> movement.tenant().equals(tenant));
  }

  @Override
  public Page<Movement> find(TenantId tenant, MovementFilter filter, PageRequest page) {
    Page<Movement> found = guard("find", () -> delegate.find(tenant, filter, page));
    List<Movement> own = found.items().stream()
        .filter(movement -> movement.tenant().equals(tenant)).toList();
    return own.size() == found.items().size() ? found
        : new Page<>(own, found.total(), found.offset(), found.limit());
  }

  @Override
  public long stockOf(TenantId tenant, String itemId) {
    return guard("stockOf", () -> delegate.stockOf(tenant, itemId));
  }

  @Override
  public Map<String, Long> stockOf(TenantId tenant, Collection<String> itemIds) {
    return guard("stockOf", () -> delegate.stockOf(tenant, itemIds));
  }

  @Override
  public void recover() {
    guard("recover", () -> {
      delegate.recover();
      return null;
    });
  }

  private static <T> T guard(String operation, Supplier<T> call) {
    return StoreCalls.guard("inventory", operation, call);
  }
}
