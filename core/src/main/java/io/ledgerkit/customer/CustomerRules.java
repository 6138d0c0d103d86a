package io.ledgerkit.customer;

import io.ledgerkit.FieldError;
import io.ledgerkit.ValidationException;
import io.ledgerkit.tenant.TenantSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Validates and normalizes customer values, collecting every failing field before it reports. One
 * instance checks one input (a create, an update, a filter, or one item of a batch).
 */
final class CustomerRules {

  static final int MIN_NAME_LENGTH = 2;

  /** The HTML living standard's definition of a valid e-mail address. */
  private static final Pattern EMAIL = Pattern.compile(
      "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
          + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

  private final TenantSettings settings;
  private final List<FieldError> errors = new ArrayList<>();

  CustomerRules(TenantSettings settings) {
    this.settings = settings;
  }

  /** @return the name trimmed, defaulted when too short; null (with an error) when missing */
  @Nullable String name(@Nullable String raw) {
    if (raw == null) {
      errors.add(new FieldError(Attribute.NAME.apiName, FieldError.REQUIRED, "a name is required"));
      return null;
    }
    if (strip(raw).isEmpty()) {
      errors.add(new FieldError(Attribute.NAME.apiName, FieldError.BLANK, "a name is required"));
      return null;
    }
    String name = text(Attribute.NAME, raw);
    if (name == null) {
      return null;
    }
    return name.codePointCount(0, name.length()) < MIN_NAME_LENGTH ? Customer.DEFAULT_NAME : name;
  }

  /** @return the phone in E.164, or null when not given or invalid (then with an error) */
  @Nullable String phone(@Nullable String raw) {
    String phone = text(Attribute.PHONE, raw);
    if (phone == null) {
      return null;
    }
    Phones.Result result = Phones.normalize(Attribute.PHONE.apiName, phone, settings.defaultPhoneRegion());
    if (result.error() != null) {
      errors.add(result.error());
    }
    return result.phone();
  }

  /** @return the address trimmed and checked, or null */
  @Nullable String email(@Nullable String raw) {
    String email = text(Attribute.CONTACT_EMAIL, raw);
    if (email != null && !EMAIL.matcher(email).matches()) {
      errors.add(new FieldError(Attribute.CONTACT_EMAIL.apiName, FieldError.INVALID,
          "not a valid e-mail address"));
      return null;
    }
    return email;
  }

  /**
   * @return the value trimmed, or null when absent or blank; null with an error when too long or
   *     holding control characters the attribute does not accept
   */
  @Nullable String text(Attribute attribute, @Nullable String raw) {
    if (raw == null) {
      return null;
    }
    String value = strip(raw);
    if (value.isEmpty()) {
      return null;
    }
    if (value.codePointCount(0, value.length()) > attribute.maxLength) {
      errors.add(new FieldError(attribute.apiName, FieldError.TOO_LONG,
          "at most " + attribute.maxLength + " characters"));
      return null;
    }
    boolean badCharacter = value.chars().anyMatch(c -> Character.isISOControl(c)
        && !(attribute.multiline && (c == '\n' || c == '\r' || c == '\t')));
    if (badCharacter) {
      errors.add(new FieldError(attribute.apiName, FieldError.INVALID_CHARACTERS,
          attribute.multiline ? "control characters other than line breaks and tabs are not allowed"
              : "control characters are not allowed"));
      return null;
    }
    return value;
  }

  /** Records an error unless every field the tenant makes mandatory has a value. */
  void mandatory(@Nullable String address, @Nullable String contactEmail, @Nullable String taxNumber) {
    require(CustomerField.ADDRESS, address);
    require(CustomerField.CONTACT_EMAIL, contactEmail);
    require(CustomerField.TAX_NUMBER, taxNumber);
  }

  /**
   * @return the value without leading and trailing white space, counting every Unicode space
   *     (such as the no-break space) as white space
   */
  static String strip(String value) {
    int begin = 0;
    int end = value.length();
    while (begin < end && isSpace(value.charAt(begin))) {
      begin++;
    }
    while (end > begin && isSpace(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(begin, end);
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  void add(FieldError error) {
    errors.add(error);
  }

  List<FieldError> errors() {
    return List.copyOf(errors);
  }

  /** @throws ValidationException listing every error found so far, if any */
  void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private void require(CustomerField field, @Nullable String value) {
    if (settings.requires(field) && value == null
        && errors.stream().noneMatch(e -> e.field().equals(field.apiName()))) {
      errors.add(new FieldError(field.apiName(), FieldError.REQUIRED,
          "this tenant requires " + field.apiName()));
    }
  }
}
