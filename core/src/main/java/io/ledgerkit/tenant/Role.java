package io.ledgerkit.tenant;

/**
 * A caller's role within one tenant. What each role may do is decided by the {@link AccessPolicy};
 * the descriptions here are those of {@link AccessPolicy#defaults()}.
 */
public enum Role {
  /** Owns the tenant: everything in it. */
  OWNER,
  /** Administers the tenant: everything in it, including purging customers. */
  ADMIN,
  /** Works in the tenant: reads, creates and updates customers. */
  STAFF,
  /** An end user of the tenant, e.g. a library member: only their own records. */
  MEMBER,
  /**
   * An authenticated machine-to-machine caller of one tenant, used for bulk and by-query
   * operations. It is never anonymous and never crosses tenants.
   */
  SYSTEM
}
