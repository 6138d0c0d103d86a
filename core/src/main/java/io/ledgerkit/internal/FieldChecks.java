package io.ledgerkit.internal;

import io.ledgerkit.FieldError;
import io.ledgerkit.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects the field errors of one operation's checks, so that a caller hears of every failing
 * field at once; the aggregates' rules build on it. Not thread-safe: one per operation.
 *
 * <p>No compatibility promise: this class is the SDK's own plumbing.
 */
public class FieldChecks {

  private final List<FieldError> errors = new ArrayList<>();

  /** Creates an empty set of checks. */
  protected FieldChecks() {}

  /**
   * @param field the field's API name
   * @param raw the identifier as given
   * @param required whether a missing one is an error
   * @param maxLength the most code points
   * @return the identifier exactly as given (see {@link TextPolicy#identifier}), or null when it is
   *     missing or refused (then with an error)
   */
  public @Nullable String identifier(String field, @Nullable String raw, boolean required,
      int maxLength) {
    if (raw == null) {
      if (required) {
        add(new FieldError(field, FieldError.REQUIRED, field + " is required"));
      }
      return null;
    }
    try {
      return TextPolicy.identifier(field, raw, maxLength);
    } catch (ValidationException e) {
      errors.addAll(e.errors());
      return null;
    }
  }

  /**
   * @param field the field's API name
   * @param raw the text as given
   * @param form whether line breaks are allowed
   * @param maxLength the most code points after normalization
   * @return the text normalized, "absent" for null or blank input; a refusal is recorded
   */
  public TextPolicy.Checked text(String field, @Nullable String raw, TextPolicy.Form form,
      int maxLength) {
    TextPolicy.Checked checked = TextPolicy.text(field, raw, form, maxLength);
    if (checked.error() != null) {
      add(checked.error());
    }
    return checked;
  }

  /** @param error a failing field */
  public void add(FieldError error) {
    errors.add(error);
  }

  /** @return the errors so far */
  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  /** @throws ValidationException naming every failing field, if any failed */
  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }
}
