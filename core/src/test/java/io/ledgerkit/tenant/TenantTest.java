package io.ledgerkit.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.ValidationException;
import io.ledgerkit.customer.CustomerField;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantTest {

  @Test
  void tenantIdsAreTakenExactlyAndMustBeSane() {
    assertEquals("acme shop", TenantId.of("acme shop").value());
    assertEquals("a".repeat(100), TenantId.of("a".repeat(100)).value());
    for (String bad : new String[] {null, "", "  ", "a".repeat(101), "ac\u0000me", "  acme ",
        "acme\u00A0", "acme\uD800", "ac\u202Eme", "acme\u200B", "Cafe\u0301"}) {
      ValidationException e = assertThrows(ValidationException.class, () -> TenantId.of(bad));
      assertEquals(List.of("tenant"), e.fields());
    }
  }

  @Test
  void callersNeedAUser() {
    assertEquals(List.of("userId"),
        assertThrows(ValidationException.class, () -> Caller.of("acme", " ", Role.OWNER)).fields());
    assertEquals(List.of("userId"),
        assertThrows(ValidationException.class, () -> Caller.of("acme", null, Role.OWNER)).fields());
    assertEquals(List.of("userId"),
        assertThrows(ValidationException.class, () -> Caller.of("acme", "u\nX-Admin: yes", Role.OWNER)).fields());
    assertEquals(List.of("userId"),
        assertThrows(ValidationException.class, () -> Caller.of("acme", " u", Role.OWNER)).fields());
    assertEquals(Set.of(Role.STAFF, Role.MEMBER), Caller.of("acme", "u", Role.STAFF, Role.MEMBER).roles());
    assertTrue(Caller.of("acme", "u", Role.STAFF).has(Role.STAFF));
    assertFalse(Caller.of("acme", "u", Role.STAFF).has(Role.ADMIN));
    assertEquals(List.of("tenant"),
        assertThrows(ValidationException.class, () -> new Caller(null, "u", Set.of())).fields());
    assertEquals(List.of("roles"),
        assertThrows(ValidationException.class, () -> Caller.of("acme", "u", Role.OWNER, null)).fields());
    assertEquals(List.of("roles"),
        assertThrows(ValidationException.class, () -> new Caller(TenantId.of("acme"), "u", null)).fields());
  }

  @Test
  void settingsCheckTheRegion() {
    assertEquals("IN", TenantSettings.defaults().withDefaultPhoneRegion(" in ").defaultPhoneRegion());
    assertNull(TenantSettings.defaults().defaultPhoneRegion());
    assertEquals(List.of("defaultPhoneRegion"), assertThrows(ValidationException.class,
        () -> TenantSettings.defaults().withDefaultPhoneRegion("XX")).fields());
    assertEquals(List.of("mandatoryCustomerFields"), assertThrows(ValidationException.class,
        () -> new TenantSettings(null, null, false)).fields());
    assertEquals(List.of("mandatoryCustomerFields"), assertThrows(ValidationException.class,
        () -> TenantSettings.defaults().withMandatoryCustomerFields((CustomerField) null)).fields());
    TenantSettings strict = TenantSettings.defaults().withMandatoryCustomerFields(CustomerField.ADDRESS);
    assertTrue(strict.requires(CustomerField.ADDRESS));
    assertFalse(strict.requires(CustomerField.TAX_NUMBER));
  }

  @Test
  void theDefaultPolicyFollowsTheDomainRules() {
    AccessPolicy policy = AccessPolicy.defaults();
    for (Role role : List.of(Role.OWNER, Role.ADMIN)) {
      for (Permission permission : Permission.values()) {
        assertTrue(policy.permits(caller(role), permission), role + " " + permission);
      }
    }
    assertGrants(policy, Role.STAFF, EnumSet.of(Permission.CUSTOMER_READ, Permission.CUSTOMER_WRITE,
        Permission.FEE_READ, Permission.FEE_ASSESS, Permission.FEE_MANAGE, Permission.FEE_PAY,
        Permission.INVENTORY_READ, Permission.INVENTORY_WRITE));
    assertGrants(policy, Role.SYSTEM, EnumSet.of(Permission.CUSTOMER_READ, Permission.CUSTOMER_WRITE,
        Permission.CUSTOMER_DELETE, Permission.CUSTOMER_BULK, Permission.FEE_READ,
        Permission.FEE_ASSESS, Permission.FEE_PAYMENT_RESULT, Permission.INVENTORY_READ,
        Permission.INVENTORY_WRITE));
    assertGrants(policy, Role.MEMBER, EnumSet.of(Permission.FEE_READ_OWN, Permission.FEE_PAY_OWN));
    assertFalse(policy.permits(new Caller(TenantId.of("t"), "nobody", Set.of()), Permission.CUSTOMER_READ));
  }

  private static void assertGrants(AccessPolicy policy, Role role, Set<Permission> granted) {
    for (Permission permission : Permission.values()) {
      assertEquals(granted.contains(permission), policy.permits(caller(role), permission),
          role + " " + permission);
    }
  }

  private static Caller caller(Role role) {
    return new Caller(TenantId.of("t"), "u", Set.of(role));
  }
}
