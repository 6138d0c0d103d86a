package io.ledgerkit.tenant;

import io.ledgerkit.internal.Operations;
import io.ledgerkit.ConflictException;
import io.ledgerkit.FieldError;
import io.ledgerkit.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Registers tenants and keeps their settings. A tenant must be registered before any operation
 * runs for it; the SDK never creates one implicitly.
 *
 * <p>Registering is the host's act (when it provisions a business, a branch or a store), so it
 * takes no {@link Caller}; changing settings afterwards is a caller's act and needs {@link
 * Permission#TENANT_SETTINGS}.
 */
public final class TenantRegistry {

  private static final int MAX_ATTEMPTS = 5;

  private final Operations operations;
  private final TenantRepository tenants;
  private final TenantGuard guard;
  private final Clock clock;

  /**
   * @param tenants where tenants are stored
   * @param guard the gate for callers
   * @param clock the source of timestamps
   */
  public TenantRegistry(TenantRepository tenants, TenantGuard guard, Clock clock) {
    this(tenants, guard, clock, Operations.unobserved());
  }

  /**
   * @param tenants where tenants are stored
   * @param guard the gate for callers
   * @param clock the source of timestamps
   * @param operations reports every operation as it ends
   */
  public TenantRegistry(
      TenantRepository tenants, TenantGuard guard, Clock clock, Operations operations) {
    this.operations = operations;
    this.tenants = GuardedTenantRepository.of(tenants);
    this.guard = guard;
    this.clock = clock;
  }

  /**
   * Registers a new tenant.
   *
   * @param id the tenant's id
   * @param settings its settings
   * @return the registered tenant
   * @throws ConflictException if the tenant is registered already
   * @throws ValidationException if the id or the settings are missing
   */
  public Tenant register(TenantId id, TenantSettings settings) {
    return operations.call("tenants.register", () -> {
      if (id == null) {
        throw ValidationException.of("tenant", FieldError.REQUIRED, "a tenant is required");
      }
      if (settings == null) {
        throw ValidationException.of("settings", FieldError.REQUIRED, "settings are required");
      }
      Instant now = now();
      Tenant tenant = new Tenant(id, settings, now, now, 1);
      if (!tenants.insert(tenant)) {
        throw new ConflictException("tenant", id, null, "already registered");
      }
      guard.remember(tenant);
      return tenant;
    });
  }

  /**
   * @param id a tenant id
   * @return the tenant, if registered
   * @throws ValidationException if the id is missing
   */
  public Optional<Tenant> find(TenantId id) {
    return operations.call("tenants.find", () -> {
      if (id == null) {
        throw ValidationException.of("tenant", FieldError.REQUIRED, "a tenant is required");
      }
      return tenants.find(id);
    });
  }

  /**
   * Replaces the caller's tenant's settings. Applies to every operation that starts afterwards.
   *
   * @param caller who asks; needs {@link Permission#TENANT_SETTINGS}
   * @param settings the new settings
   * @return the updated tenant
   * @throws io.ledgerkit.AccessDeniedException if the caller may not change settings
   * @throws io.ledgerkit.UnknownTenantException if the tenant is not registered
   * @throws ConflictException if concurrent changes kept winning
   */
  public Tenant updateSettings(Caller caller, TenantSettings settings) {
    return operations.call("tenants.updateSettings", () -> {
      if (caller == null) {
        throw ValidationException.of("caller", FieldError.REQUIRED, "a caller is required");
      }
      if (settings == null) {
        throw ValidationException.of("settings", FieldError.REQUIRED, "settings are required");
      }
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        Tenant current = guard.authorizeFresh(caller, Permission.TENANT_SETTINGS).tenant();
        Tenant next = new Tenant(current.id(), settings, current.createdAt(), now(), current.version() + 1);
        if (tenants.update(next, current.version())) {
          guard.remember(next);
          return next;
        }
      }
      throw new ConflictException("tenant", caller.tenant(), null, "settings changed concurrently");
    });
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
