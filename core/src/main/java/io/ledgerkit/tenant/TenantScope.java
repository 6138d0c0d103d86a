package io.ledgerkit.tenant;

import io.ledgerkit.ConflictException;
import java.util.function.Function;

/**
 * One operation's view of the caller's tenant: its settings as read (possibly from the SDK's
 * cache), and a way to run a settings-dependent write that is repeated on fresh settings when the
 * store reports that they changed. Used by the SDK's services; hosts do not need it. Not
 * thread-safe: one per operation.
 */
public final class TenantScope {

  /** How often a write is repeated on fresh settings before it gives up with a conflict. */
  static final int MAX_SETTINGS_ATTEMPTS = 8;

  private final TenantGuard guard;
  private final Caller caller;
  private final Permission permission;
  private Tenant tenant;

  TenantScope(TenantGuard guard, Caller caller, Permission permission, Tenant tenant) {
    this.guard = guard;
    this.caller = caller;
    this.permission = permission;
    this.tenant = tenant;
  }

  /** @return the tenant as this operation sees it now */
  public Tenant tenant() {
    return tenant;
  }

  /** @return the tenant's id, exactly as stored */
  public TenantId id() {
    return tenant.id();
  }

  /** @return the tenant's settings as this operation sees them now */
  public TenantSettings settings() {
    return tenant.settings();
  }

  /**
   * Runs a write validated against {@link #tenant()}. When the store reports that the settings
   * changed meanwhile ({@link SettingsChangedException}), reads them again (checking the caller's
   * permission and the tenant again) and runs the write once more with the fresh tenant, so that a
   * cached setting can never let through a write the current settings refuse.
   *
   * @param write validates with the given tenant and writes conditionally on its version
   * @param <T> what the write returns
   * @return what the write returned
   * @throws ConflictException if the settings kept changing
   */
  public <T> T write(Function<Tenant, T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.apply(tenant);
      } catch (SettingsChangedException changed) {
        if (attempt >= MAX_SETTINGS_ATTEMPTS) {
          throw new ConflictException("tenant", tenant.id(), null,
              "settings changed concurrently " + attempt + " times in a row");
        }
        tenant = guard.authorizeFresh(caller, permission).tenant();
      }
    }
  }
}
