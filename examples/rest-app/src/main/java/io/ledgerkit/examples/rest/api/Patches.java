package io.ledgerkit.examples.rest.api;

import io.ledgerkit.FieldError;
import io.ledgerkit.ValidationException;
import io.ledgerkit.customer.CustomerPatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a JSON patch object: only the fields it holds change, {@code null} clears one, {@code
 * expectedVersion} makes the update fail with 409 unless the stored version is still that one.
 * Unknown fields and values that are not text are refused, naming the field; the SDK checks the
 * values themselves.
 */
final class Patches {

  /** The field of a patch that asks for a version check. */
  static final String EXPECTED_VERSION = "expectedVersion";

  private Patches() {}

  /**
   * @param body the patch object as sent; null is an empty patch (which the SDK refuses)
   * @param fields which JSON name sets which SDK field ({@code name}, {@code phone}, {@code
   *     contactName}, {@code contactEmail}, {@code address}, {@code taxNumber}, {@code notes})
   * @param prefix the JSON name of the patch object in the request, for error names, or empty
   * @return the patch
   * @throws ValidationException naming every unknown field and every value of the wrong type
   */
  static CustomerPatch customer(@Nullable Map<String, @Nullable Object> body,
      Map<String, String> fields, String prefix) {
    CustomerPatch.Builder patch = CustomerPatch.builder();
    List<FieldError> errors = new ArrayList<>();
    if (body != null) {
      body.forEach((key, value) -> {
        String field = prefix.isEmpty() ? key : prefix + "." + key;
        if (key.equals(EXPECTED_VERSION)) {
          if (value instanceof Number number && number.longValue() == number.doubleValue()) {
            patch.expectVersion(number.longValue());
          } else {
            errors.add(new FieldError(field, FieldError.INVALID, "must be a whole number"));
          }
          return;
        }
        String sdkName = fields.get(key);
        if (sdkName == null) {
          errors.add(new FieldError(field, FieldError.NOT_ALLOWED, "not a field of this patch"));
        } else if (value != null && !(value instanceof String)) {
          errors.add(new FieldError(field, FieldError.INVALID, "must be text, or null to clear"));
        } else {
          set(patch, sdkName, (String) value);
        }
      });
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return patch.build();
  }

  private static void set(CustomerPatch.Builder patch, String field, @Nullable String value) {
    switch (field) {
      case "name" -> patch.name(value);
      case "phone" -> patch.phone(value);
      case "contactName" -> patch.contactName(value);
      case "contactEmail" -> patch.contactEmail(value);
      case "address" -> patch.address(value);
      case "taxNumber" -> patch.taxNumber(value);
      case "notes" -> patch.notes(value);
      default -> throw new IllegalArgumentException("not a customer field: " + field);
    }
  }
}
