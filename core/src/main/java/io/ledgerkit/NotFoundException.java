package io.ledgerkit;

import io.ledgerkit.tenant.TenantId;

/**
 * The record does not exist for the caller's tenant. A record of another tenant is reported this
 * way too, so that its existence never leaks.
 */
public class NotFoundException extends LedgerkitException {

  private final String entity;
  private final TenantId tenant;
  private final Object id;

  /**
   * @param entity the kind of record, e.g. {@code customer}
   * @param tenant the caller's tenant
   * @param id the id that was looked up
   */
  public NotFoundException(String entity, TenantId tenant, Object id) {
    super(entity + " " + id + " not found in tenant " + tenant.value());
    this.entity = entity;
    this.tenant = tenant;
    this.id = id;
  }

  /** @return the kind of record, e.g. {@code customer} */
  public String entity() {
    return entity;
  }

  /** @return the caller's tenant */
  public TenantId tenant() {
    return tenant;
  }

  /** @return the id that was looked up */
  public Object id() {
    return id;
  }
}
