package io.ledgerkit.tenant;

import io.ledgerkit.AccessDeniedException;
import io.ledgerkit.UnknownTenantException;

/**
 * The gate every operation passes: the caller must hold the permission under the {@link
 * AccessPolicy}, and its tenant must be registered. Used by the SDK's services; hosts do not need
 * it.
 */
public final class TenantGuard {

  private final TenantRepository tenants;
  private final AccessPolicy policy;

  /**
   * @param tenants where tenants are registered
   * @param policy who may do what
   */
  public TenantGuard(TenantRepository tenants, AccessPolicy policy) {
    this.tenants = GuardedTenantRepository.of(tenants);
    this.policy = policy;
  }

  /**
   * @param caller who asks
   * @param permission what the operation needs
   * @return the caller's tenant, with its settings
   * @throws AccessDeniedException if the policy refuses
   * @throws UnknownTenantException if the caller's tenant is not registered
   */
  public Tenant authorize(Caller caller, Permission permission) {
    if (!policy.permits(caller, permission)) {
      throw new AccessDeniedException(caller, permission);
    }
    return tenants.find(caller.tenant()).orElseThrow(() -> new UnknownTenantException(caller.tenant()));
  }
}
