package io.ledgerkit;

import io.ledgerkit.tenant.TenantId;

/**
 * The tenant was never registered with {@link io.ledgerkit.tenant.TenantRegistry#register}. The SDK
 * never creates tenants implicitly, so that data is never written into a bucket nobody set up.
 */
public class UnknownTenantException extends LedgerkitException {

  private final TenantId tenant;

  /** @param tenant the tenant that is not registered */
  public UnknownTenantException(TenantId tenant) {
    super("unknown tenant " + tenant.value());
    this.tenant = tenant;
  }

  /** @return the tenant that is not registered */
  public TenantId tenant() {
    return tenant;
  }
}
