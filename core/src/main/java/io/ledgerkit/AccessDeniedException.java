package io.ledgerkit;

import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Permission;

/** The caller's roles do not grant the permission the operation needs. Nothing was read or written. */
public class AccessDeniedException extends LedgerkitException {

  private final Caller caller;
  private final Permission permission;

  /**
   * @param caller who asked
   * @param permission what the operation needs
   */
  public AccessDeniedException(Caller caller, Permission permission) {
    super("user " + caller.userId() + " with roles " + caller.roles() + " in tenant "
        + caller.tenant().value() + " lacks " + permission);
    this.caller = caller;
    this.permission = permission;
  }

  /** @return who asked */
  public Caller caller() {
    return caller;
  }

  /** @return what the operation needs */
  public Permission permission() {
    return permission;
  }
}
