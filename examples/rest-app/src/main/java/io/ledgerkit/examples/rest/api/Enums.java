package io.ledgerkit.examples.rest.api;

import io.ledgerkit.FieldError;
import io.ledgerkit.ValidationException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads the seeds' enum names ({@code paymentInProgress}, {@code manualAdjustment}) into the SDK's
 * enums. A name that is none of them is refused here, naming the field, because the SDK's drafts
 * hold the enum itself and cannot carry an unknown name to be judged there.
 */
final class Enums {

  private Enums() {}

  /**
   * @param field the JSON field or parameter, for the error
   * @param value the name as sent, or null
   * @param values every constant
   * @param name the seed's name of a constant
   * @param <E> the enum
   * @return the constant of that name, or null when none was sent
   * @throws ValidationException if the name is none of them
   */
  static <E> @Nullable E parse(String field, @Nullable String value, E[] values,
      Function<E, String> name) {
    if (value == null) {
      return null;
    }
    return Arrays.stream(values).filter(constant -> name.apply(constant).equals(value)).findFirst()
        .orElseThrow(() -> ValidationException.of(field, FieldError.INVALID, "one of "
            + Arrays.stream(values).map(name).collect(Collectors.joining(", "))));
  }
}
