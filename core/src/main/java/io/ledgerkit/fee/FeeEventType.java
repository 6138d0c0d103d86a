package io.ledgerkit.fee;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a fee event records, as seed 002 names them; stored by {@link #apiName()} beside its
 * {@link #index()} (0 for assessed to 6 for note).
 */
public enum FeeEventType {
  /** The fee was assessed, or assessed again while unpaid with a new amount, reason or note. */
  ASSESSED("assessed"),
  /** A checkout was started: the fee's payment is in progress. */
  PAYMENT_ATTEMPT("paymentAttempt"),
  /** The fee was paid: online, or recorded by staff as a manual payment. */
  PAYMENT_SUCCESS("paymentSuccess"),
  /** A payment failed, was canceled by the payer, expired, or could not be started. */
  PAYMENT_FAIL("paymentFail"),
  /** Staff waived the fee. */
  WAIVED("waived"),
  /** Staff canceled the fee, or deleted it while unpaid. */
  CANCELED("canceled"),
  /** A note was added; the status did not change. */
  NOTE("note");

  private final String apiName;

  FeeEventType(String apiName) {
    this.apiName = apiName;
  }

  /** @return the stored and serialized name, e.g. {@code paymentAttempt} */
  public String apiName() {
    return apiName;
  }

  /** @return the seed's index of this type */
  public int index() {
    return ordinal();
  }

  /**
   * @param apiName a stored name
   * @return the type of that name
   */
  public static Optional<FeeEventType> ofApiName(String apiName) {
    return Arrays.stream(values()).filter(type -> type.apiName.equals(apiName)).findFirst();
  }
}
