package io.ledgerkit.customer;

/**
 * The optional customer fields a tenant can make mandatory through {@link
 * io.ledgerkit.tenant.TenantSettings#mandatoryCustomerFields()}.
 */
public enum CustomerField {
  /** The postal address, {@link Customer#address()}. */
  ADDRESS("address"),
  /** The contact e-mail, {@link Customer#contactEmail()}. */
  CONTACT_EMAIL("contactEmail"),
  /** The tax (GST/VAT) number, {@link Customer#taxNumber()}. */
  TAX_NUMBER("taxNumber");

  private final String apiName;

  CustomerField(String apiName) {
    this.apiName = apiName;
  }

  /** @return the field's name as validation errors and stored records spell it */
  public String apiName() {
    return apiName;
  }
}
