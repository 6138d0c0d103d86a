package io.ledgerkit.customer;

import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.StorageException;
import io.ledgerkit.internal.StoreCalls;
import io.ledgerkit.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Wraps an adapter so that whatever it lets slip (a driver exception it did not map) reaches the
 * host as a {@link StorageException}, never as a driver type; and, as defence in depth, never
 * hands out a record whose tenant is not exactly the caller's.
 */
final class GuardedCustomerRepository implements SettingsCheckedCustomerRepository {

  private final CustomerRepository delegate;
  private final @Nullable SettingsCheckedCustomerRepository checked;

  GuardedCustomerRepository(CustomerRepository delegate) {
    this.delegate = delegate instanceof GuardedCustomerRepository guarded ? guarded.delegate : delegate;
    this.checked = this.delegate instanceof SettingsCheckedCustomerRepository versioned ? versioned : null;
  }

  /** @return whether the adapter checks the settings version in its writes */
  boolean checksSettingsVersion() {
    return checked != null;
  }

  /** Without the capability the version is not checked: the caller read the settings first. */
  @Override
  public CreateResult create(Customer candidate, long settingsVersion) {
    SettingsCheckedCustomerRepository store = checked;
    return store == null ? create(candidate)
        : guard("create", () -> store.create(candidate, settingsVersion));
  }

  @Override
  public List<CreateResult> createAll(List<Customer> candidates, long settingsVersion) {
    SettingsCheckedCustomerRepository store = checked;
    return store == null ? createAll(candidates)
        : guard("createAll", () -> store.createAll(candidates, settingsVersion));
  }

  @Override
  public CreateResult createIfAbsent(Customer candidate, long settingsVersion) {
    SettingsCheckedCustomerRepository store = checked;
    return store == null ? createIfAbsent(candidate)
        : guard("createIfAbsent", () -> store.createIfAbsent(candidate, settingsVersion));
  }

  @Override
  public boolean update(Customer next, long expectedVersion, long settingsVersion) {
    SettingsCheckedCustomerRepository store = checked;
    return store == null ? update(next, expectedVersion)
        : guard("update", () -> store.update(next, expectedVersion, settingsVersion));
  }

  @Override
  public CreateResult create(Customer candidate) {
    return guard("create", () -> delegate.create(candidate));
  }

  @Override
  public CreateResult createIfAbsent(Customer candidate) {
    return guard("createIfAbsent", () -> delegate.createIfAbsent(candidate));
  }

  @Override
  public List<CreateResult> createAll(List<Customer> candidates) {
    return guard("createAll", () -> delegate.createAll(candidates));
  }

  @Override
  public Optional<Customer> findById(TenantId tenant, UUID id) {
    return guard("findById", () -> delegate.findById(tenant, id)).filter(c -> c.tenant().equals(tenant));
  }

  @Override
  public Optional<Customer> findByPhone(TenantId tenant, String phone) {
    return guard("findByPhone", () -> delegate.findByPhone(tenant, phone))
        .filter(c -> c.tenant().equals(tenant));
  }

  @Override
  public Page<Customer> find(TenantId tenant, CustomerFilter filter, PageRequest page, CustomerSort sort) {
    Page<Customer> found = guard("find", () -> delegate.find(tenant, filter, page, sort));
    if (found.items().stream().anyMatch(c -> !c.tenant().equals(tenant))) {
      throw new StorageException("customer store returned a record of another tenant in find",
          new IllegalStateException("tenant scoping failed"));
    }
    return found;
  }

  @Override
  public boolean update(Customer next, long expectedVersion) {
    return guard("update", () -> delegate.update(next, expectedVersion));
  }

  @Override
  public boolean delete(TenantId tenant, UUID id) {
    return guard("delete", () -> delegate.delete(tenant, id));
  }

  private static <T> T guard(String operation, Supplier<T> call) {
    return StoreCalls.guard("customer", operation, call);
  }
}
