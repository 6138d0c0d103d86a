package io.ledgerkit.customer;

import io.ledgerkit.internal.TextPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Which customers a listing or a by-query operation addresses, always within the caller's tenant.
 * Criteria are ANDed; every value is a literal, never a pattern or a query fragment.
 *
 * <ul>
 *   <li>{@code name}, {@code contactName}: contains the text, ignoring case;
 *   <li>{@code phone}: equals after normalization to E.164 with the tenant's default region;
 *   <li>{@code contactEmail}: equals, ignoring case;
 *   <li>{@code taxNumber}: equals exactly.
 * </ul>
 *
 * Only active customers match unless {@link #includingInactive()} is asked for. Blank values are
 * no criterion. A by-query operation with no criterion left once its values are normalized is
 * refused; so is a value holding characters the field itself refuses.
 *
 * @param name part of the name
 * @param phone the phone, in any format the tenant accepts
 * @param contactName part of the contact name
 * @param contactEmail the contact e-mail address
 * @param taxNumber the tax number
 * @param includeInactive whether soft-deleted customers match too
 */
public record CustomerFilter(
    @Nullable String name,
    @Nullable String phone,
    @Nullable String contactName,
    @Nullable String contactEmail,
    @Nullable String taxNumber,
    boolean includeInactive) {

  /** Every active customer of the tenant. */
  public static final CustomerFilter ALL_ACTIVE = new CustomerFilter(null, null, null, null, null, false);

  /**
   * Turns blank values (white space of any kind, Unicode spaces included) into no criterion. Other
   * values are kept as given; the SDK checks and normalizes them like the fields they match (see
   * {@link io.ledgerkit.internal.TextPolicy}) before any store sees them.
   */
  public CustomerFilter {
    name = blankToNull(name);
    phone = blankToNull(phone);
    contactName = blankToNull(contactName);
    contactEmail = blankToNull(contactEmail);
    taxNumber = blankToNull(taxNumber);
  }

  /** @return a filter with no criterion: every active customer */
  public static CustomerFilter all() {
    return ALL_ACTIVE;
  }

  /**
   * @param value part of the name
   * @return a copy with this criterion
   */
  public CustomerFilter withName(@Nullable String value) {
    return new CustomerFilter(value, phone, contactName, contactEmail, taxNumber, includeInactive);
  }

  /**
   * @param value the phone
   * @return a copy with this criterion
   */
  public CustomerFilter withPhone(@Nullable String value) {
    return new CustomerFilter(name, value, contactName, contactEmail, taxNumber, includeInactive);
  }

  /**
   * @param value part of the contact name
   * @return a copy with this criterion
   */
  public CustomerFilter withContactName(@Nullable String value) {
    return new CustomerFilter(name, phone, value, contactEmail, taxNumber, includeInactive);
  }

  /**
   * @param value the contact e-mail
   * @return a copy with this criterion
   */
  public CustomerFilter withContactEmail(@Nullable String value) {
    return new CustomerFilter(name, phone, contactName, value, taxNumber, includeInactive);
  }

  /**
   * @param value the tax number
   * @return a copy with this criterion
   */
  public CustomerFilter withTaxNumber(@Nullable String value) {
    return new CustomerFilter(name, phone, contactName, contactEmail, value, includeInactive);
  }

  /** @return a copy that matches soft-deleted customers too */
  public CustomerFilter includingInactive() {
    return new CustomerFilter(name, phone, contactName, contactEmail, taxNumber, true);
  }

  /**
   * @return whether any criterion is set ({@code includeInactive} is not a criterion); a value
   *     that normalizes to nothing in the SDK counts as none there
   */
  public boolean hasCriteria() {
    return name != null || phone != null || contactName != null || contactEmail != null
        || taxNumber != null;
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || TextPolicy.isBlank(value) ? null : value;
  }
}
