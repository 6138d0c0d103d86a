package io.ledgerkit.examples.rest.security;

import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The SDK's {@link Caller} of a verified token: its {@value #TENANT} claim, its subject as the
 * user id, and the roles of its {@value #ROLES} claim (names of {@link Role}, in any case). The SDK
 * decides what the caller may do; this class only reads the token.
 *
 * <pre>{@code
 * {"sub": "alice", "tenant": "demo-shop", "roles": ["STAFF"],
 *  "tenantRoles": {"demo-branch": ["STAFF"]}, "exp": 1767225600}
 * }</pre>
 *
 * <p>The optional {@value #TENANT_ROLES} claim gives the same user's roles in other tenants; only a
 * stock transfer, which acts in two stores, reads it.
 */
public final class Callers {

  /** The claim naming the tenant the token acts in. */
  public static final String TENANT = "tenant";
  /** The claim listing the caller's roles in that tenant. */
  public static final String ROLES = "roles";
  /** The optional claim mapping other tenants to the same user's roles there. */
  public static final String TENANT_ROLES = "tenantRoles";

  private Callers() {}

  /**
   * @param jwt a verified token
   * @return the caller it names
   * @throws io.ledgerkit.ValidationException if the tenant or the user id is not one the SDK
   *     accepts
   * @throws IllegalArgumentException if the roles claim is missing or names an unknown role
   */
  public static Caller of(Jwt jwt) {
    return new Caller(TenantId.of(jwt.getClaimAsString(TENANT)), jwt.getSubject(),
        roles(jwt.getClaims().get(ROLES)));
  }

  /**
   * The token's user in another tenant, with the roles its {@value #TENANT_ROLES} claim gives
   * there, or none: the SDK then refuses whatever the caller asks in that tenant.
   *
   * @param jwt a verified token
   * @param tenant the other tenant's id, as the request names it
   * @return that caller
   * @throws io.ledgerkit.ValidationException (field {@code tenant}) if the id is missing or not a
   *     valid tenant id
   */
  public static Caller in(Jwt jwt, @Nullable String tenant) {
    TenantId other = TenantId.of(tenant);
    return new Caller(other, jwt.getSubject(),
        otherTenants(jwt).getOrDefault(other.value(), Set.of()));
  }

  /**
   * The caller of the machine-to-machine routes: the token's {@link Role#SYSTEM} role only, so
   * that a person's token (STAFF, even OWNER) is refused there by the SDK.
   *
   * @param caller the token's caller
   * @return the same user and tenant with the SYSTEM role if it has it, otherwise with no role
   */
  public static Caller machine(Caller caller) {
    return new Caller(caller.tenant(), caller.userId(),
        caller.has(Role.SYSTEM) ? Set.of(Role.SYSTEM) : Set.of());
  }

  /**
   * @param jwt a verified token
   * @return its {@value #TENANT_ROLES} claim read, empty when absent
   * @throws IllegalArgumentException if the claim is not an object of role lists
   */
  public static Map<String, Set<Role>> otherTenants(Jwt jwt) {
    Object claim = jwt.getClaims().get(TENANT_ROLES);
    if (claim == null) {
      return Map.of();
    }
    if (!(claim instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(TENANT_ROLES + " must be an object");
    }
    Map<String, Set<Role>> result = new LinkedHashMap<>();
    map.forEach((tenant, roles) -> result.put(String.valueOf(tenant), roles(roles)));
    return result;
  }

  private static Set<Role> roles(@Nullable Object claim) {
    if (!(claim instanceof Collection<?> names)) {
      throw new IllegalArgumentException(ROLES + " must be a list of role names");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Object name : names) {
      if (!(name instanceof String text)) {
        throw new IllegalArgumentException(ROLES + " must be a list of role names");
      }
      roles.add(Role.valueOf(text.toUpperCase(Locale.ROOT)));
    }
    return roles;
  }
}
