package io.ledgerkit;

import io.ledgerkit.tenant.TenantId;

/**
 * The record's current state does not allow the step asked for (a fee that is paid cannot be
 * waived, a payment cannot start while one is in progress). Nothing was written.
 */
public class IllegalTransitionException extends LedgerkitException {

  private static final long serialVersionUID = 1L;

  private final String entity;
  private final TenantId tenant;
  private final Object id;
  private final String state;
  private final String step;

  /**
   * @param entity the kind of record, e.g. {@code fee}
   * @param tenant the caller's tenant
   * @param id the record's id
   * @param state its current state, e.g. {@code paid}
   * @param step what was refused, e.g. {@code waive}
   */
  public IllegalTransitionException(
      String entity, TenantId tenant, Object id, String state, String step) {
    super(entity + " " + id + " in tenant " + tenant.value() + " is " + state + ": cannot " + step);
    this.entity = entity;
    this.tenant = tenant;
    this.id = id;
    this.state = state;
    this.step = step;
  }

  /** @return the kind of record, e.g. {@code fee} */
  public String entity() {
    return entity;
  }

  /** @return the caller's tenant */
  public TenantId tenant() {
    return tenant;
  }

  /** @return the record's id */
  public Object id() {
    return id;
  }

  /** @return the record's state when the step was refused */
  public String state() {
    return state;
  }

  /** @return the step that was refused */
  public String step() {
    return step;
  }
}
