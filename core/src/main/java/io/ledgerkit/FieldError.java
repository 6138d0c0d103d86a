package io.ledgerkit;

import java.io.Serializable;
import java.util.Objects;

/**
 * One failing field of a {@link ValidationException}.
 *
 * @param field the field's name as the API spells it, e.g. {@code contactEmail}; inside a batch it
 *     is prefixed with the item's position, e.g. {@code items[3].contactEmail}
 * @param code a stable, machine-readable reason: {@code required}, {@code blank}, {@code tooLong},
 *     {@code invalid}, {@code invalidCharacters}, {@code notAllowed}
 * @param message a human-readable explanation
 */
public record FieldError(String field, String code, String message) implements Serializable {

  /** Codes used by the SDK. Hosts may rely on them. */
  public static final String REQUIRED = "required";
  /** The value consists of white space only. */
  public static final String BLANK = "blank";
  /** The value is longer than the field allows. */
  public static final String TOO_LONG = "tooLong";
  /** The value has the wrong form (an e-mail address, a phone number, a region, a range). */
  public static final String INVALID = "invalid";
  /** The value holds control characters the field does not accept. */
  public static final String INVALID_CHARACTERS = "invalidCharacters";
  /** The field may not be given in this operation. */
  public static final String NOT_ALLOWED = "notAllowed";

  /** Checks that no component is null. */
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /**
   * @param prefix the prefix to put before the field name, e.g. {@code items[3]}
   * @return the same error for a field nested under {@code prefix}
   */
  public FieldError nestedUnder(String prefix) {
    return new FieldError(prefix + "." + field, code, message);
  }
}
