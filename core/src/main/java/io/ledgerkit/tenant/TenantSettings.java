package io.ledgerkit.tenant;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.ledgerkit.FieldError;
import io.ledgerkit.ValidationException;
import io.ledgerkit.customer.CustomerField;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a tenant has chosen. Stored per tenant by the persistence adapter.
 *
 * @param mandatoryCustomerFields the optional customer fields this tenant requires on every
 *     create and update
 * @param defaultPhoneRegion the ISO 3166 region (e.g. {@code IN}, {@code DE}) national phone
 *     numbers are read in; without it every phone must start with {@code +} and a country code
 * @param allowNegativeStock whether a stock movement may take stock below zero
 */
public record TenantSettings(
    Set<CustomerField> mandatoryCustomerFields,
    @Nullable String defaultPhoneRegion,
    boolean allowNegativeStock) {

  /** No mandatory optional fields, no default phone region, no negative stock. */
  public static final TenantSettings DEFAULTS = new TenantSettings(Set.of(), null, false);

  /**
   * @throws ValidationException (field {@code defaultPhoneRegion}) if the region is not one the
   *     phone library knows; (field {@code mandatoryCustomerFields}) if the set is null or holds null
   */
  public TenantSettings {
    if (mandatoryCustomerFields == null || mandatoryCustomerFields.stream().anyMatch(Objects::isNull)) {
      throw ValidationException.of("mandatoryCustomerFields", FieldError.INVALID,
          "the mandatory fields must be given, without null; an empty set for none");
    }
    mandatoryCustomerFields = mandatoryCustomerFields.isEmpty()
        ? Set.of()
        : Set.copyOf(EnumSet.copyOf(mandatoryCustomerFields));
    defaultPhoneRegion = checkRegion(defaultPhoneRegion);
  }

  /** @return the defaults, see {@link #DEFAULTS} */
  public static TenantSettings defaults() {
    return DEFAULTS;
  }

  /**
   * @param region an ISO 3166 region code such as {@code IN}, or null for none
   * @return these settings with another default phone region
   */
  public TenantSettings withDefaultPhoneRegion(@Nullable String region) {
    return new TenantSettings(mandatoryCustomerFields, region, allowNegativeStock);
  }

  /**
   * @param fields the optional customer fields to require
   * @return these settings requiring exactly these fields
   */
  public TenantSettings withMandatoryCustomerFields(CustomerField... fields) {
    if (fields == null || Arrays.asList(fields).contains(null)) {
      throw ValidationException.of("mandatoryCustomerFields", FieldError.INVALID,
          "the mandatory fields must not be null");
    }
    return new TenantSettings(Set.copyOf(Arrays.asList(fields)), defaultPhoneRegion, allowNegativeStock);
  }

  /**
   * @param allow whether stock may go below zero
   * @return these settings with the given negative-stock rule
   */
  public TenantSettings withAllowNegativeStock(boolean allow) {
    return new TenantSettings(mandatoryCustomerFields, defaultPhoneRegion, allow);
  }

  /**
   * @param field an optional customer field
   * @return whether this tenant requires it
   */
  public boolean requires(CustomerField field) {
    return mandatoryCustomerFields.contains(field);
  }

  private static @Nullable String checkRegion(@Nullable String region) {
    if (region == null) {
      return null;
    }
    // Two ASCII letters, checked before upper-casing: "\u0131n" (a dotless i) would otherwise
    // become "IN". Only U+0020 around them is trimmed, so no control character passes unseen.
    String trimmed = region.replaceAll("^ +| +$", "");
    String code = trimmed.matches("[A-Za-z]{2}") ? trimmed.toUpperCase(Locale.ROOT) : "";
    if (code.isEmpty() || !PhoneNumberUtil.getInstance().getSupportedRegions().contains(code)) {
      throw ValidationException.of("defaultPhoneRegion", FieldError.INVALID,
          "not a known ISO 3166 region with phone numbers (two ASCII letters, such as IN)");
    }
    return code;
  }
}
