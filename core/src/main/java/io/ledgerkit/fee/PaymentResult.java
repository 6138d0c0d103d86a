package io.ledgerkit.fee;

import java.util.Arrays;
import java.util.Optional;

/** How a started payment ended, as a payment provider reports it. */
public enum PaymentResult {
  /** The money was collected. */
  SUCCEEDED("succeeded"),
  /** The provider refused or the payment method failed. */
  FAILED("failed"),
  /** The payer left or canceled the checkout. */
  CANCELED("canceled"),
  /** The checkout expired unused. */
  EXPIRED("expired");

  private final String apiName;

  PaymentResult(String apiName) {
    this.apiName = apiName;
  }

  /** @return the stored and serialized name */
  public String apiName() {
    return apiName;
  }

  /**
   * @param apiName a stored name
   * @return the result of that name
   */
  public static Optional<PaymentResult> ofApiName(String apiName) {
    return Arrays.stream(values()).filter(result -> result.apiName.equals(apiName)).findFirst();
  }
}
