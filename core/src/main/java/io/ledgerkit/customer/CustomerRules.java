package io.ledgerkit.customer;

import io.ledgerkit.FieldError;
import io.ledgerkit.ValidationException;
import io.ledgerkit.internal.TextPolicy;
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

  /** @return the name normalized, defaulted when too short; null (with an error) when missing */
  @Nullable String name(@Nullable String raw) {
    TextPolicy.Checked checked = check(Attribute.NAME, raw);
    if (checked.error() != null) {
      return null;
    }
    String name = checked.value();
    if (name == null) {
      errors.add(new FieldError(Attribute.NAME.apiName,
          checked.blank() ? FieldError.BLANK : FieldError.REQUIRED, "a name is required"));
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

  /** @return the address normalized and checked, or null */
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
   * @return the value normalized by the {@link TextPolicy}, or null when absent or blank; null
   *     with an error when refused
   */
  @Nullable String text(Attribute attribute, @Nullable String raw) {
    return check(attribute, raw).value();
  }

  private TextPolicy.Checked check(Attribute attribute, @Nullable String raw) {
    TextPolicy.Checked checked = TextPolicy.text(attribute.apiName, raw,
        attribute.multiline ? TextPolicy.Form.MULTI_LINE : TextPolicy.Form.SINGLE_LINE,
        attribute.maxLength);
    if (checked.error() != null) {
      errors.add(checked.error());
    }
    return checked;
  }

  /** Records an error unless every field the tenant makes mandatory has a value. */
  void mandatory(@Nullable String address, @Nullable String contactEmail, @Nullable String taxNumber) {
    require(CustomerField.ADDRESS, address);
    require(CustomerField.CONTACT_EMAIL, contactEmail);
    require(CustomerField.TAX_NUMBER, taxNumber);
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
