package io.ledgerkit.tenant;

import io.ledgerkit.ValidationException;
import io.ledgerkit.internal.TextPolicy;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * The identity of a tenant: a business, a client, a library branch or a store. Taken exactly as
 * given, never trimmed or normalized, so that two different ids can never reach one tenant: at most
 * {@link #MAX_LENGTH} code points of letters, marks, digits, punctuation, symbols and inner ASCII
 * spaces, well-formed and in Unicode NFC.
 *
 * @param value the tenant's id as the host names it
 */
public record TenantId(String value) implements Serializable {

  /** The longest tenant id accepted. */
  public static final int MAX_LENGTH = 100;

  /**
   * @throws ValidationException (field {@code tenant}) if the value is blank, too long, surrounded
   *     by white space, not in NFC, or holds a character an identifier may not hold
   */
  public TenantId {
    value = check(value);
  }

  /**
   * @param value the tenant's id; may be null, which is refused
   * @return the tenant id
   * @throws ValidationException (field {@code tenant}) if the value is null or not a valid id
   */
  public static TenantId of(@Nullable String value) {
    return new TenantId(check(value));
  }

  private static String check(@Nullable String raw) {
    return TextPolicy.identifier("tenant", raw, MAX_LENGTH);
  }

  @Override
  public String toString() {
    return value;
  }
}
