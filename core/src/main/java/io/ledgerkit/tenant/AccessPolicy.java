package io.ledgerkit.tenant;

/**
 * Decides whether a caller may do something in its tenant. The SDK asks it before every
 * operation; tenant isolation is enforced separately and cannot be switched off here.
 *
 * <p>Replace it to fit the host's own roles, e.g. {@code (caller, permission) -> caller.has(OWNER)
 * || myRules.allow(caller.userId(), permission)}. Implementations must be thread-safe and fast:
 * they run on every call.
 */
@FunctionalInterface
public interface AccessPolicy {

  /**
   * @param caller who asks, in its tenant
   * @param permission what the operation needs
   * @return whether the caller may proceed
   */
  boolean permits(Caller caller, Permission permission);

  /**
   * The policy of the domain rules: OWNER and ADMIN may do everything; STAFF reads, creates and
   * updates customers; SYSTEM (machine to machine) reads, writes, deletes and runs bulk and
   * by-query operations but never purges nor changes settings; MEMBER has no access to customers.
   *
   * @return the default policy
   */
  static AccessPolicy defaults() {
    return DefaultAccessPolicy.INSTANCE;
  }
}
