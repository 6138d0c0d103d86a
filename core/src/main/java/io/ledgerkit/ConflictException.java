package io.ledgerkit;

import io.ledgerkit.tenant.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * The write collides with the stored state: a unique key is taken, or another writer changed the
 * record since it was read (an optimistic-lock race that was lost). Nothing was written; reading
 * again and retrying may succeed.
 */
public class ConflictException extends LedgerkitException {

  private final String entity;
  private final TenantId tenant;
  private final @Nullable Object id;

  /**
   * @param entity the kind of record, e.g. {@code customer}
   * @param tenant the tenant written to
   * @param id the record's id, when known
   * @param reason what collided
   * @param cause the storage failure behind it, if any
   */
  public ConflictException(
      String entity, TenantId tenant, @Nullable Object id, String reason, @Nullable Throwable cause) {
    super(entity + (id == null ? "" : " " + id) + " in tenant " + tenant.value() + ": " + reason, cause);
    this.entity = entity;
    this.tenant = tenant;
    this.id = id;
  }

  /**
   * @param entity the kind of record, e.g. {@code customer}
   * @param tenant the tenant written to
   * @param id the record's id, when known
   * @param reason what collided
   */
  public ConflictException(String entity, TenantId tenant, @Nullable Object id, String reason) {
    this(entity, tenant, id, reason, null);
  }

  /** @return the kind of record, e.g. {@code customer} */
  public String entity() {
    return entity;
  }

  /** @return the tenant written to */
  public TenantId tenant() {
    return tenant;
  }

  /** @return the record's id, when known */
  public @Nullable Object id() {
    return id;
  }
}
