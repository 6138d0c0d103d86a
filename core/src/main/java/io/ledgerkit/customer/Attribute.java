package io.ledgerkit.customer;

/** The customer's text attributes, with the limits the domain rules set for each. */
enum Attribute {
  NAME("name", Attribute.STRING_LIMIT, false),
  PHONE("phone", 64, false),
  CONTACT_NAME("contactName", Attribute.STRING_LIMIT, false),
  CONTACT_EMAIL("contactEmail", Attribute.STRING_LIMIT, false),
  ADDRESS("address", Attribute.TEXT_LIMIT, true),
  TAX_NUMBER("taxNumber", Attribute.STRING_LIMIT, false),
  NOTES("notes", Attribute.TEXT_LIMIT, true);

  static final int STRING_LIMIT = 255;
  static final int TEXT_LIMIT = 10_000;

  final String apiName;
  final int maxLength;
  final boolean multiline;

  Attribute(String apiName, int maxLength, boolean multiline) {
    this.apiName = apiName;
    this.maxLength = maxLength;
    this.multiline = multiline;
  }
}
