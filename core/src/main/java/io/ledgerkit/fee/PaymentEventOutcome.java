package io.ledgerkit.fee;

import java.util.Arrays;
import java.util.Optional;

/** What handling one provider notification did. */
public enum PaymentEventOutcome {
  /** The result moved the fee (to paid, or back to unpaid). */
  APPLIED("applied"),
  /** The result was late, repeated or for an earlier checkout: the fee did not move. */
  NOT_APPLIED("notApplied"),
  /** The notification settles nothing (no result in it yet). */
  IGNORED("ignored"),
  /** No such fee in the tenant: nothing changed. */
  UNKNOWN_FEE("unknownFee"),
  /** The notification was handled before: nothing happened this time. */
  DUPLICATE("duplicate");

  private final String apiName;

  PaymentEventOutcome(String apiName) {
    this.apiName = apiName;
  }

  /** @return the stored and serialized name */
  public String apiName() {
    return apiName;
  }

  /**
   * @param apiName a stored name
   * @return the outcome of that name
   */
  public static Optional<PaymentEventOutcome> ofApiName(String apiName) {
    return Arrays.stream(values()).filter(outcome -> outcome.apiName.equals(apiName)).findFirst();
  }
}
