package io.ledgerkit.fee;

import java.util.Arrays;
import java.util.Optional;

/** How staff received a payment they record by hand. */
public enum ManualPaymentMethod {
  /** Cash at the desk. */
  CASH("cash"),
  /** A card terminal at the desk. */
  POS("pos"),
  /** Any other way (a bank transfer, a voucher). */
  OTHER("other");

  private final String apiName;

  ManualPaymentMethod(String apiName) {
    this.apiName = apiName;
  }

  /** @return the stored and serialized name */
  public String apiName() {
    return apiName;
  }

  /**
   * @param apiName a stored name
   * @return the method of that name
   */
  public static Optional<ManualPaymentMethod> ofApiName(String apiName) {
    return Arrays.stream(values()).filter(method -> method.apiName.equals(apiName)).findFirst();
  }
}
