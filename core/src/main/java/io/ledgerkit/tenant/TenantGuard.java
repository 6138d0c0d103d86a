package io.ledgerkit.tenant;

import io.ledgerkit.AccessDeniedException;
import io.ledgerkit.UnknownTenantException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gate every operation passes: the caller must hold the permission under the {@link
 * AccessPolicy}, and its tenant must be registered. Used by the SDK's services; hosts do not need
 * it.
 *
 * <p>Registered tenants are cached, so that an operation need not read its tenant first. A cached
 * entry serves reads while it is younger than the configured age; writes that depend on the
 * settings use it only when the store checks the settings version in the write itself ({@link
 * TenantScope#write}), and otherwise read the tenant afresh. Unknown tenants are never cached.
 */
public final class TenantGuard {

  /** Entries kept at most; past that the cache starts over, so it never grows without bound. */
  static final int MAX_ENTRIES = 10_000;

  private final TenantRepository tenants;
  private final AccessPolicy policy;
  private final long maxAgeNanos;
  private final Map<TenantId, Entry> cache = new ConcurrentHashMap<>();

  /**
   * @param tenants where tenants are registered
   * @param policy who may do what
   * @param maxAge how long a cached tenant may serve reads; {@link Duration#ZERO} to read the
   *     tenant on every operation
   */
  public TenantGuard(TenantRepository tenants, AccessPolicy policy, Duration maxAge) {
    this.tenants = GuardedTenantRepository.of(tenants);
    this.policy = policy;
    this.maxAgeNanos = maxAge.toNanos();
  }

  /**
   * Checks the permission, then the tenant, which may come from the cache.
   *
   * @param caller who asks
   * @param permission what the operation needs
   * @return the operation's view of the caller's tenant
   * @throws AccessDeniedException if the policy refuses
   * @throws UnknownTenantException if the caller's tenant is not registered
   */
  public TenantScope authorize(Caller caller, Permission permission) {
    checkPermission(caller, permission);
    Entry entry = cache.get(caller.tenant());
    if (entry != null && System.nanoTime() - entry.readAt < maxAgeNanos) {
      return new TenantScope(this, caller, permission, entry.tenant);
    }
    return new TenantScope(this, caller, permission, read(caller.tenant()));
  }

  /**
   * Checks the permission, then the tenant for a write that depends on its settings. When the
   * store checks the settings version in the write itself, a cached tenant of any age will do (a
   * stale one only costs a repetition, see {@link TenantScope#write}); otherwise the tenant is
   * read from the store.
   *
   * @param caller who asks
   * @param permission what the operation needs
   * @param storeChecksSettingsVersion whether the write is conditional on the settings version
   * @return the operation's view of the caller's tenant
   * @throws AccessDeniedException if the policy refuses
   * @throws UnknownTenantException if the caller's tenant is not registered
   */
  public TenantScope authorizeWrite(
      Caller caller, Permission permission, boolean storeChecksSettingsVersion) {
    if (!storeChecksSettingsVersion) {
      return authorizeFresh(caller, permission);
    }
    checkPermission(caller, permission);
    Entry entry = cache.get(caller.tenant());
    return new TenantScope(this, caller, permission,
        entry != null ? entry.tenant : read(caller.tenant()));
  }

  /**
   * Checks the permission, then reads the tenant from the store.
   *
   * @param caller who asks
   * @param permission what the operation needs
   * @return the operation's view of the caller's tenant, as stored now
   * @throws AccessDeniedException if the policy refuses
   * @throws UnknownTenantException if the caller's tenant is not registered
   */
  public TenantScope authorizeFresh(Caller caller, Permission permission) {
    checkPermission(caller, permission);
    return new TenantScope(this, caller, permission, read(caller.tenant()));
  }

  /**
   * Replaces the cached entry after the SDK changed the tenant itself.
   *
   * @param tenant the tenant as stored now
   */
  void remember(Tenant tenant) {
    put(tenant);
  }

  /**
   * @param caller who asks
   * @param permission a permission
   * @return whether the policy grants it, without reading anything
   */
  public boolean permits(Caller caller, Permission permission) {
    return policy.permits(caller, permission);
  }

  private void checkPermission(Caller caller, Permission permission) {
    if (!policy.permits(caller, permission)) {
      throw new AccessDeniedException(caller, permission);
    }
  }

  private Tenant read(TenantId id) {
    Tenant tenant = tenants.find(id).orElseThrow(() -> new UnknownTenantException(id));
    put(tenant);
    return tenant;
  }

  private void put(Tenant tenant) {
    if (maxAgeNanos <= 0) {
      return;
    }
    if (cache.size() >= MAX_ENTRIES) {
      cache.clear();
    }
    cache.merge(tenant.id(), new Entry(tenant, System.nanoTime()),
        (old, fresh) -> old.tenant.version() > fresh.tenant.version() ? old : fresh);
  }

  private record Entry(Tenant tenant, long readAt) {}
}
