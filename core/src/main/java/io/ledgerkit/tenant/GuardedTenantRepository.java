package io.ledgerkit.tenant;

import io.ledgerkit.internal.StoreCalls;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns whatever an adapter lets slip into a {@link io.ledgerkit.StorageException}, and accepts a
 * tenant only under the exact id it is stored with.
 */
final class GuardedTenantRepository implements TenantRepository {

  private final TenantRepository delegate;

  private GuardedTenantRepository(TenantRepository delegate) {
    this.delegate = delegate;
  }

  static TenantRepository of(TenantRepository repository) {
    return repository instanceof GuardedTenantRepository ? repository : new GuardedTenantRepository(repository);
  }

  @Override
  public boolean insert(Tenant tenant) {
    return guard("insert", () -> delegate.insert(tenant));
  }

  /**
   * A tenant whose stored id is not exactly the id asked for is no match: a store that altered a
   * string on the way (a lone surrogate sent as {@code ?}) must not hand one tenant's data to
   * another id.
   */
  @Override
  public Optional<Tenant> find(TenantId id) {
    return guard("find", () -> delegate.find(id)).filter(tenant -> tenant.id().equals(id));
  }

  @Override
  public boolean update(Tenant next, long expectedVersion) {
    return guard("update", () -> delegate.update(next, expectedVersion));
  }

  private static <T> T guard(String operation, Supplier<T> call) {
    return StoreCalls.guard("tenant", operation, call);
  }
}
