package io.ledgerkit.inventory;

import io.ledgerkit.FieldError;
import io.ledgerkit.internal.FieldChecks;
import io.ledgerkit.internal.TextPolicy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** Checks the values of one inventory operation and collects every failing field. */
final class InventoryRules extends FieldChecks {

  /** The most characters of an item id. */
  static final int MAX_ID_LENGTH = 255;
  /** The most characters of a reason. */
  static final int MAX_REASON_LENGTH = 2_000;
  /** The largest quantity one movement may move, either way. */
  static final long MAX_QUANTITY = 1_000_000_000L;
  /** The earliest timestamp a movement may have. */
  static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  /** The latest filter bound worth sending to a store: later than any movement can be. */
  static final Instant LATEST_BOUND = Instant.parse("9999-12-31T00:00:00Z");

  /** @return an item id as given, or null with an error */
  @Nullable String itemId(String field, @Nullable String raw, boolean required) {
    return identifier(field, raw, required, MAX_ID_LENGTH);
  }

  /** @return the reason normalized; null when not given, or refused (with an error) */
  @Nullable String reason(String field, @Nullable String raw, boolean required, String why) {
    TextPolicy.Checked checked = text(field, raw, TextPolicy.Form.MULTI_LINE, MAX_REASON_LENGTH);
    if (checked.error() == null && required && checked.value() == null) {
      add(new FieldError(field, checked.blank() ? FieldError.BLANK : FieldError.REQUIRED,
          "a reason is required " + why));
    }
    return checked.value();
  }

  /** @return the quantity if it is non-zero and within bounds, or null with an error */
  @Nullable Long quantity(String field, @Nullable Long raw) {
    if (raw == null) {
      add(new FieldError(field, FieldError.REQUIRED, field + " is required"));
      return null;
    }
    if (raw == 0) {
      add(new FieldError(field, FieldError.INVALID, "must not be zero"));
      return null;
    }
    if (raw > MAX_QUANTITY || raw < -MAX_QUANTITY) {
      add(new FieldError(field, FieldError.INVALID,
          "at most " + MAX_QUANTITY + " either way"));
      return null;
    }
    return raw;
  }

  /** @return the timestamp cut to milliseconds if it lies between 1970 and {@code latest} */
  @Nullable Instant timestamp(String field, @Nullable Instant raw, Instant now, Instant latest) {
    Instant value = (raw == null ? now : raw).truncatedTo(ChronoUnit.MILLIS);
    if (value.isAfter(latest)) {
      add(new FieldError(field, FieldError.INVALID,
          "must not lie in the future (later than " + latest + ")"));
      return null;
    }
    if (value.isBefore(EARLIEST)) {
      add(new FieldError(field, FieldError.INVALID, "must not be before " + EARLIEST));
      return null;
    }
    return value;
  }
}
