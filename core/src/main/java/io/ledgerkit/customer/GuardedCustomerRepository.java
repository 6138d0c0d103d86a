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

/**
 * Wraps an adapter so that whatever it lets slip (a driver exception it did not map) reaches the
 * host as a {@link StorageException}, never as a driver type; and, as defence in depth, never
 * hands out a record whose tenant is not exactly the caller's.
 */
final class GuardedCustomerRepository implements CustomerRepository {

  private final CustomerRepository delegate;

  GuardedCustomerRepository(CustomerRepository delegate) {
    this.delegate = delegate instanceof GuardedCustomerRepository guarded ? guarded.delegate : delegate;
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
