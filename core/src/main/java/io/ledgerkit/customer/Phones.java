package io.ledgerkit.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.ledgerkit.FieldError;
import org.jspecify.annotations.Nullable;

/** Phone normalization to E.164 with libphonenumber, the tenant's default region for national numbers. */
final class Phones {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final String UNKNOWN_REGION = "ZZ";
  /** The punctuation people type in phones, ASCII and full-width. */
  private static final String PUNCTUATION = " +-.()/\uFF0B\uFF0D\uFF0E\uFF08\uFF09\uFF0F";

  private static final E164FastPath E164_FAST_PATH = new E164FastPath(UTIL);

  private Phones() {}

  /**
   * @param field the field name for errors
   * @param raw the phone as typed, already trimmed and non-empty
   * @param region the tenant's default region, or null
   * @return the phone in E.164 form, or a field error
   */
  static Result normalize(String field, String raw, @Nullable String region) {
    FieldError refused = refusedCharacter(field, raw);
    if (refused != null) {
      return Result.error(refused);
    }
    String e164 = E164_FAST_PATH.normalize(raw);
    return e164 != null ? Result.ok(e164) : parsed(field, raw, region);
  }

  /** {@link #normalize} without the fast path for E.164 input, for a phone whose characters passed. */
  static Result parsed(String field, String raw, @Nullable String region) {
    boolean international = raw.startsWith("+") || raw.startsWith("\uFF0B");
    if (!international && region == null) {
      return Result.error(new FieldError(field, FieldError.INVALID,
          "must start with + and a country code: the tenant has no default phone region"));
    }
    PhoneNumber number;
    try {
      number = UTIL.parse(raw, region == null ? UNKNOWN_REGION : region);
    } catch (NumberParseException e) {
      return Result.error(new FieldError(field, FieldError.INVALID, "not a phone number"));
    }
    if (number.hasExtension()) {
      return Result.error(new FieldError(field, FieldError.INVALID,
          "extensions are not stored; give the number without one"));
    }
    if (!UTIL.isValidNumber(number)) {
      return Result.error(new FieldError(field, FieldError.INVALID, international
          ? "not a valid phone number"
          : "not a valid phone number in " + region + "; numbers of other countries need a leading + and country code"));
    }
    return Result.ok(UTIL.format(number, PhoneNumberFormat.E164));
  }

  /**
   * Only what people type in a phone passes: digits of any script (libphonenumber reads Devanagari,
   * Arabic-Indic or full-width digits), spaces and {@code + - . ( ) /} (also in their full-width
   * forms). Letters are refused rather than read through the keypad mapping, which would turn
   * {@code 98765abcde} into another customer's number; anything else is refused too.
   */
  private static @Nullable FieldError refusedCharacter(String field, String raw) {
    for (int i = 0; i < raw.length(); ) {
      int c = raw.codePointAt(i);
      if (Character.isLetter(c)) {
        return new FieldError(field, FieldError.INVALID_CHARACTERS,
            "letters are not allowed in a phone; give digits only");
      }
      if (Character.isDigit(c) && Character.isSupplementaryCodePoint(c)) {
        // libphonenumber reads digits one UTF-16 unit at a time and would drop these silently.
        return new FieldError(field, FieldError.INVALID_CHARACTERS,
            "digits outside the Basic Multilingual Plane are not read in a phone");
      }
      if (!Character.isDigit(c) && PUNCTUATION.indexOf(c) < 0) {
        return new FieldError(field, FieldError.INVALID_CHARACTERS,
            "a phone holds only digits, spaces and + - . ( ) /");
      }
      i += Character.charCount(c);
    }
    return null;
  }

  /** Either a normalized phone or the reason it was refused. */
  record Result(@Nullable String phone, @Nullable FieldError error) {
    static Result ok(String phone) {
      return new Result(phone, null);
    }

    static Result error(FieldError error) {
      return new Result(null, error);
    }
  }
}
