package io.ledgerkit.fee;

import io.ledgerkit.FieldError;
import io.ledgerkit.internal.FieldChecks;
import io.ledgerkit.internal.TextPolicy;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks the values of one fee operation and collects every failing field. Amounts are exact
 * decimals with at most the currency's decimals; text goes through the {@link TextPolicy}.
 */
final class FeeRules extends FieldChecks {

  /** The most characters of an id given by the host (user, loan). */
  static final int MAX_ID_LENGTH = 255;
  /** The most characters of a note. */
  static final int MAX_NOTE_LENGTH = 10_000;
  /** The most digits before the decimal point: amounts up to 999 trillion. */
  static final int MAX_INTEGER_DIGITS = 15;
  /** The most decimals of a filter bound: more than any currency has (CLF has four). */
  static final int MAX_BOUND_DECIMALS = 6;

  private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Za-z]{3}");

  /** @return an identifier as given (user id, loan id), or null with an error */
  @Nullable String id(String field, @Nullable String raw, boolean required) {
    return identifier(field, raw, required, MAX_ID_LENGTH);
  }

  /** @return the note normalized, null when not given or refused (then with an error) */
  @Nullable String note(String field, @Nullable String raw) {
    return text(field, raw, TextPolicy.Form.MULTI_LINE, MAX_NOTE_LENGTH).value();
  }

  /** @return the currency of an ISO 4217 code with minor units, or null with an error */
  @Nullable Currency currency(String field, @Nullable String raw) {
    String code = raw == null ? FeeDraft.DEFAULT_CURRENCY : raw.strip();
    if (!CURRENCY_CODE.matcher(code).matches()) {
      add(new FieldError(field, FieldError.INVALID, "an ISO 4217 code of three letters"));
      return null;
    }
    Currency currency;
    try {
      currency = Currency.getInstance(code.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      add(new FieldError(field, FieldError.INVALID, "not an ISO 4217 currency"));
      return null;
    }
    if (currency.getDefaultFractionDigits() < 0) {
      add(new FieldError(field, FieldError.INVALID,
          "not a currency fees can be paid in (it has no minor unit)"));
      return null;
    }
    return currency;
  }

  /**
   * @return the amount with exactly the currency's decimals, or null with an error; without a
   *     currency only its form is checked
   */
  @Nullable BigDecimal amount(String field, @Nullable String raw, @Nullable Currency currency) {
    if (raw == null || raw.isBlank()) {
      add(new FieldError(field, FieldError.REQUIRED, "an amount is required"));
      return null;
    }
    String text = raw.strip();
    if (!PLAIN_DECIMAL.matcher(text).matches()) {
      boolean negative = text.startsWith("-") && PLAIN_DECIMAL.matcher(text.substring(1)).matches();
      add(new FieldError(field, FieldError.INVALID, negative
          ? "must be greater than zero" : "a plain decimal number in major units, such as 12.50"));
      return null;
    }
    BigDecimal value = new BigDecimal(text);
    if (value.signum() <= 0) {
      add(new FieldError(field, FieldError.INVALID, "must be greater than zero"));
      return null;
    }
    if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
      add(new FieldError(field, FieldError.INVALID,
          "at most " + MAX_INTEGER_DIGITS + " digits before the decimal point"));
      return null;
    }
    if (currency == null) {
      return null;
    }
    int decimals = currency.getDefaultFractionDigits();
    if (value.stripTrailingZeros().scale() > decimals) {
      add(new FieldError(field, FieldError.INVALID, decimals == 0
          ? currency.getCurrencyCode() + " has no decimals"
          : "at most " + decimals + " decimals in " + currency.getCurrencyCode()));
      return null;
    }
    return value.setScale(decimals);
  }

  /**
   * @return a bound of an amount filter: a non-negative decimal within the range of amounts (at
   *     most {@value #MAX_INTEGER_DIGITS} digits before the point and {@value #MAX_BOUND_DECIMALS}
   *     after it, more than any currency has), so that every store compares it exactly
   */
  @Nullable BigDecimal bound(String field, @Nullable BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal plain = value.stripTrailingZeros();
    if (plain.signum() < 0) {
      add(new FieldError(field, FieldError.INVALID, "must not be negative"));
      return null;
    }
    if (plain.precision() - plain.scale() > MAX_INTEGER_DIGITS || plain.scale() > MAX_BOUND_DECIMALS) {
      add(new FieldError(field, FieldError.INVALID, "at most " + MAX_INTEGER_DIGITS
          + " digits before the decimal point and " + MAX_BOUND_DECIMALS + " after it"));
      return null;
    }
    return value;
  }
}
