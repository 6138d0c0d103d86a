package io.ledgerkit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The input was refused. Lists every failing field, not only the first one. Nothing was written.
 */
public class ValidationException extends LedgerkitException {

  private final List<FieldError> errors;

  /**
   * @param errors the failing fields; must not be empty
   */
  public ValidationException(List<FieldError> errors) {
    super(describe(errors));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a validation error needs at least one field error");
    }
    this.errors = List.copyOf(errors);
  }

  /**
   * @param field the failing field
   * @param code the reason code, see {@link FieldError}
   * @param message a human-readable explanation
   * @return an exception for a single failing field
   */
  public static ValidationException of(String field, String code, String message) {
    return new ValidationException(List.of(new FieldError(field, code, message)));
  }

  /** @return every failing field, in the order they were found */
  public List<FieldError> errors() {
    return errors;
  }

  /** @return the names of the failing fields, in order */
  public List<String> fields() {
    return errors.stream().map(FieldError::field).toList();
  }

  private static String describe(List<FieldError> errors) {
    return "invalid input: "
        + errors.stream().map(e -> e.field() + " (" + e.code() + ": " + e.message() + ")")
            .collect(Collectors.joining(", "));
  }
}
