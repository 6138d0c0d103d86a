package io.ledgerkit.tenant;

import io.ledgerkit.FieldError;
import io.ledgerkit.ValidationException;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * The identity of a tenant: a business, a client, a library branch or a store. Any non-blank
 * string of at most {@link #MAX_LENGTH} characters without control characters; surrounding white
 * space is removed.
 *
 * @param value the tenant's id as the host names it
 */
public record TenantId(String value) implements Serializable {

  /** The longest tenant id accepted. */
  public static final int MAX_LENGTH = 100;

  /**
   * @throws ValidationException (field {@code tenant}) if the value is blank, too long or holds
   *     control characters
   */
  public TenantId {
    value = check(value);
  }

  /**
   * @param value the tenant's id; may be null, which is refused
   * @return the tenant id
   * @throws ValidationException (field {@code tenant}) if the value is null, blank, too long or
   *     holds control characters
   */
  public static TenantId of(@Nullable String value) {
    return new TenantId(check(value));
  }

  private static String check(@Nullable String raw) {
    if (raw == null) {
      throw ValidationException.of("tenant", FieldError.REQUIRED, "a tenant is required");
    }
    String trimmed = raw.strip();
    if (trimmed.isEmpty()) {
      throw ValidationException.of("tenant", FieldError.BLANK, "a tenant is required");
    }
    if (trimmed.length() > MAX_LENGTH) {
      throw ValidationException.of(
          "tenant", FieldError.TOO_LONG, "at most " + MAX_LENGTH + " characters");
    }
    if (trimmed.chars().anyMatch(Character::isISOControl)) {
      throw ValidationException.of(
          "tenant", FieldError.INVALID_CHARACTERS, "control characters are not allowed");
    }
    return trimmed;
  }

  @Override
  public String toString() {
    return value;
  }
}
