package io.ledgerkit.customer;

import org.jspecify.annotations.Nullable;

/**
 * What a caller gives to create a customer. Values are raw: the SDK trims them, normalizes the
 * phone and validates everything before anything is written. A null or blank optional value
 * means "not given": on a create that meets an existing phone it keeps the stored value.
 *
 * <pre>{@code
 * CustomerDraft.named("Asha Traders").withPhone("098765 43210").withContactEmail("asha@example.com")
 * }</pre>
 *
 * @param name display name; required
 * @param phone the phone in any common format; read in the tenant's default region unless it
 *     starts with {@code +}
 * @param contactName the contact person
 * @param contactEmail the contact's e-mail address
 * @param address the postal address
 * @param taxNumber the tax (GST/VAT) number
 * @param notes internal notes
 */
public record CustomerDraft(
    @Nullable String name,
    @Nullable String phone,
    @Nullable String contactName,
    @Nullable String contactEmail,
    @Nullable String address,
    @Nullable String taxNumber,
    @Nullable String notes) {

  /**
   * @param name the customer's display name
   * @return a draft with only the name set
   */
  public static CustomerDraft named(@Nullable String name) {
    return new CustomerDraft(name, null, null, null, null, null, null);
  }

  /**
   * @param value the phone
   * @return a copy with the phone set
   */
  public CustomerDraft withPhone(@Nullable String value) {
    return new CustomerDraft(name, value, contactName, contactEmail, address, taxNumber, notes);
  }

  /**
   * @param value the contact name
   * @return a copy with the contact name set
   */
  public CustomerDraft withContactName(@Nullable String value) {
    return new CustomerDraft(name, phone, value, contactEmail, address, taxNumber, notes);
  }

  /**
   * @param value the e-mail address
   * @return a copy with the contact e-mail set
   */
  public CustomerDraft withContactEmail(@Nullable String value) {
    return new CustomerDraft(name, phone, contactName, value, address, taxNumber, notes);
  }

  /**
   * @param value the address
   * @return a copy with the address set
   */
  public CustomerDraft withAddress(@Nullable String value) {
    return new CustomerDraft(name, phone, contactName, contactEmail, value, taxNumber, notes);
  }

  /**
   * @param value the tax number
   * @return a copy with the tax number set
   */
  public CustomerDraft withTaxNumber(@Nullable String value) {
    return new CustomerDraft(name, phone, contactName, contactEmail, address, value, notes);
  }

  /**
   * @param value the notes
   * @return a copy with the notes set
   */
  public CustomerDraft withNotes(@Nullable String value) {
    return new CustomerDraft(name, phone, contactName, contactEmail, address, taxNumber, value);
  }

  /**
   * @param value the name
   * @return a copy with the name set
   */
  public CustomerDraft withName(@Nullable String value) {
    return new CustomerDraft(value, phone, contactName, contactEmail, address, taxNumber, notes);
  }
}
