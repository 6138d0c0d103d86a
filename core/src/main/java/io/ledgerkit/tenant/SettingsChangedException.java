package io.ledgerkit.tenant;

import io.ledgerkit.LedgerkitException;

/**
 * Persistence SPI signal: a write that depends on the tenant's settings found them at another
 * version than the one it was validated against, and wrote nothing. The SDK then reads the
 * settings again, validates again and repeats the write; this exception does not reach the host.
 * Thrown only by adapters that check the settings version in the write itself (see {@link
 * io.ledgerkit.customer.SettingsCheckedCustomerRepository}).
 */
public final class SettingsChangedException extends LedgerkitException {

  private final TenantId tenant;

  /**
   * @param tenant the tenant whose settings changed
   * @param expectedVersion the settings version the write was validated against
   */
  public SettingsChangedException(TenantId tenant, long expectedVersion) {
    super("the settings of tenant " + tenant.value() + " are no longer at version " + expectedVersion);
    this.tenant = tenant;
  }

  /** @return the tenant whose settings changed */
  public TenantId tenant() {
    return tenant;
  }
}
