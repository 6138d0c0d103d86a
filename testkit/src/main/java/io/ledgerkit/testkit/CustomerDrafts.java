package io.ledgerkit.testkit;

import io.ledgerkit.customer.CustomerDraft;

/**
 * Test data for customers: drafts with sensible values and phone numbers that are valid for an
 * Indian tenant ({@code defaultPhoneRegion = IN}) in several spellings.
 */
public final class CustomerDrafts {

  private CustomerDrafts() {}

  /** @return a draft named {@code Asha Traders} without a phone; add what the test needs */
  public static CustomerDraft aCustomer() {
    return CustomerDraft.named("Asha Traders");
  }

  /**
   * @param n which number, 0 to 99,999
   * @return the n-th Indian mobile number in E.164 form, e.g. {@code +919876500042}
   */
  public static String indianMobile(int n) {
    return String.format("+9198765%05d", n);
  }

  /**
   * The n-th Indian mobile number ({@link #indianMobile}) spelled in one of five ways a person
   * might type it: international with spaces, national with a trunk 0, bare ten digits, with the
   * 00 international prefix, international with dashes.
   *
   * @param n which number, 0 to 99,999
   * @param spelling which spelling; any int, taken modulo 5
   * @return the number as typed
   */
  public static String indianMobileSpelled(int n, int spelling) {
    String digits = String.format("98765%05d", n);
    String first = digits.substring(0, 5);
    String last = digits.substring(5);
    return switch (Math.floorMod(spelling, 5)) {
      case 0 -> "+91 " + first + " " + last;
      case 1 -> "0" + first + " " + last;
      case 2 -> digits;
      case 3 -> "0091 " + digits;
      default -> "+91-" + first + "-" + last;
    };
  }
}
