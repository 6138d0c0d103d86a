package io.ledgerkit.tenant;

import java.util.Optional;

/**
 * Persistence SPI for tenants. Implemented by persistence adapters, called only by the SDK. Every
 * method is atomic on its own.
 */
public interface TenantRepository {

  /**
   * Stores a new tenant.
   *
   * @param tenant the tenant to store
   * @return false, storing nothing, if a tenant with that id exists already
   */
  boolean insert(Tenant tenant);

  /**
   * @param id a tenant id
   * @return the tenant, if registered
   */
  Optional<Tenant> find(TenantId id);

  /**
   * Replaces a tenant's settings, {@code updatedAt} and version if its stored version is still
   * {@code expectedVersion}.
   *
   * @param next the new state
   * @param expectedVersion the version the change was computed from
   * @return whether the write won; false if the tenant changed or vanished meanwhile
   */
  boolean update(Tenant next, long expectedVersion);
}
