package io.ledgerkit.tenant;

import io.ledgerkit.FieldError;
import io.ledgerkit.ValidationException;
import io.ledgerkit.internal.TextPolicy;
import java.io.Serializable;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who runs an operation: an authenticated user (or machine) acting in exactly one tenant with some
 * roles there. The host builds it from its own authentication; the SDK trusts it and enforces
 * tenant isolation and the {@link AccessPolicy} on every call.
 *
 * @param tenant the tenant the caller acts in
 * @param userId the caller's user id as the host knows it, an identifier taken exactly as given
 *     (see {@link TenantId} for what identifiers may hold)
 * @param roles the caller's roles in that tenant
 */
public record Caller(TenantId tenant, String userId, Set<Role> roles) implements Serializable {

  /** The longest user id accepted. */
  public static final int MAX_USER_ID_LENGTH = 255;

  /**
   * @throws ValidationException (field {@code tenant}, {@code userId} or {@code roles}) if the
   *     tenant is missing, the user id not a valid identifier, or the roles missing or holding null
   */
  public Caller {
    if (tenant == null) {
      throw ValidationException.of("tenant", FieldError.REQUIRED, "a tenant is required");
    }
    userId = TextPolicy.identifier("userId", userId, MAX_USER_ID_LENGTH);
    if (roles == null || roles.stream().anyMatch(Objects::isNull)) {
      throw ValidationException.of("roles", FieldError.INVALID, "roles must be given, without null");
    }
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  /**
   * @param tenant the tenant's id; null or blank is refused
   * @param userId the caller's user id
   * @param roles the caller's roles in that tenant
   * @return the caller
   * @throws ValidationException (field {@code tenant} or {@code userId}) on a missing tenant or user
   */
  public static Caller of(@Nullable String tenant, @Nullable String userId, Role... roles) {
    TenantId id = TenantId.of(tenant);
    if (roles == null || Arrays.asList(roles).contains(null)) {
      throw ValidationException.of("roles", FieldError.INVALID, "roles must be given, without null");
    }
    return new Caller(id, userId, Set.copyOf(Arrays.asList(roles)));
  }

  /**
   * @param role a role
   * @return whether the caller has it in its tenant
   */
  public boolean has(Role role) {
    return roles.contains(role);
  }
}
