package io.ledgerkit.internal;

import io.ledgerkit.FieldError;
import io.ledgerkit.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * Checks every service makes of its arguments before anything else.
 *
 * <p>No compatibility promise: this class is the SDK's own plumbing.
 */
public final class Inputs {

  private Inputs() {}

  /**
   * @param value an argument
   * @param field its API name
   * @param <T> its type
   * @return the argument
   * @throws ValidationException naming the field if it is null
   */
  public static <T> T required(@Nullable T value, String field) {
    if (value == null) {
      throw ValidationException.of(field, FieldError.REQUIRED, field + " is required");
    }
    return value;
  }
}
