package io.ledgerkit.tenant;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The table behind {@link AccessPolicy#defaults()}. */
final class DefaultAccessPolicy implements AccessPolicy {

  static final DefaultAccessPolicy INSTANCE = new DefaultAccessPolicy();

  private static final Map<Role, Set<Permission>> GRANTS = new EnumMap<>(Map.of(
      Role.OWNER, EnumSet.allOf(Permission.class),
      Role.ADMIN, EnumSet.allOf(Permission.class),
      Role.STAFF, EnumSet.of(Permission.CUSTOMER_READ, Permission.CUSTOMER_WRITE,
          Permission.FEE_READ, Permission.FEE_ASSESS, Permission.FEE_MANAGE, Permission.FEE_PAY,
          Permission.INVENTORY_READ, Permission.INVENTORY_WRITE),
      Role.SYSTEM, EnumSet.of(
          Permission.CUSTOMER_READ,
          Permission.CUSTOMER_WRITE,
          Permission.CUSTOMER_DELETE,
          Permission.CUSTOMER_BULK,
          Permission.FEE_READ,
          Permission.FEE_ASSESS,
          Permission.FEE_PAYMENT_RESULT,
          Permission.INVENTORY_READ,
          Permission.INVENTORY_WRITE),
      Role.MEMBER, EnumSet.of(Permission.FEE_READ_OWN, Permission.FEE_PAY_OWN)));

  private DefaultAccessPolicy() {}

  @Override
  public boolean permits(Caller caller, Permission permission) {
    // Called on every operation: a loop, not a stream.
    for (Role role : caller.roles()) {
      if (GRANTS.get(role).contains(permission)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "AccessPolicy.defaults()";
  }
}
