package io.ledgerkit.fee;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a fee stands. The only transitions are:
 *
 * <table>
 *   <caption>Fee transitions</caption>
 *   <tr><th>from</th><th>to</th><th>by</th></tr>
 *   <tr><td>unpaid</td><td>paymentInProgress</td><td>checkout started by the owner or staff</td></tr>
 *   <tr><td>paymentInProgress</td><td>paid</td><td>payment success</td></tr>
 *   <tr><td>paymentInProgress</td><td>unpaid</td><td>payment failed, canceled by the payer, or
 *       checkout expired</td></tr>
 *   <tr><td>unpaid</td><td>paid</td><td>staff records a manual payment</td></tr>
 *   <tr><td>unpaid</td><td>waived</td><td>staff</td></tr>
 *   <tr><td>unpaid</td><td>canceled</td><td>staff</td></tr>
 * </table>
 *
 * <p>{@link #PAID}, {@link #WAIVED} and {@link #CANCELED} are final. Stored by {@link #apiName()}
 * beside its {@link #index()}, the seed's enum convention.
 */
public enum FeeStatus {
  /** Owed; can be paid, waived or canceled. */
  UNPAID("unpaid"),
  /** A checkout was started and its result is awaited. */
  PAYMENT_IN_PROGRESS("paymentInProgress"),
  /** Settled, online or manually. Final. */
  PAID("paid"),
  /** Forgiven by staff. Final. */
  WAIVED("waived"),
  /** Withdrawn by staff, or deleted while unpaid. Final. */
  CANCELED("canceled");

  private final String apiName;

  FeeStatus(String apiName) {
    this.apiName = apiName;
  }

  /** @return the stored and serialized name, e.g. {@code paymentInProgress} */
  public String apiName() {
    return apiName;
  }

  /** @return the seed's index of this status, 0 for unpaid to 4 for canceled */
  public int index() {
    return ordinal();
  }

  /** @return whether no transition leaves this status */
  public boolean isFinal() {
    return this == PAID || this == WAIVED || this == CANCELED;
  }

  /**
   * @param target a status to move to
   * @return whether the transition table has this step
   */
  public boolean canMoveTo(FeeStatus target) {
    return switch (this) {
      case UNPAID -> target == PAYMENT_IN_PROGRESS || target == PAID || target == WAIVED
          || target == CANCELED;
      case PAYMENT_IN_PROGRESS -> target == PAID || target == UNPAID;
      case PAID, WAIVED, CANCELED -> false;
    };
  }

  /**
   * @param apiName a stored name
   * @return the status of that name
   */
  public static Optional<FeeStatus> ofApiName(String apiName) {
    return Arrays.stream(values()).filter(status -> status.apiName.equals(apiName)).findFirst();
  }
}
