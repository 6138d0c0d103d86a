package io.ledgerkit.fee;

import io.ledgerkit.FieldError;
import io.ledgerkit.ValidationException;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which status a payment result moves a fee in progress to. Configuration, with the transition
 * table as its default: {@link PaymentResult#SUCCEEDED} to paid, every other result back to
 * unpaid. Only those two statuses can follow a payment in progress, so a mapping can only choose
 * between them: a payer closing the checkout page can never waive or cancel their own fee (the
 * seed mapped "canceled" to waived; the domain rules refuse that). Immutable.
 */
public final class PaymentResultMapping {

  private static final PaymentResultMapping DEFAULTS = new PaymentResultMapping(Map.of(
      PaymentResult.SUCCEEDED, FeeStatus.PAID,
      PaymentResult.FAILED, FeeStatus.UNPAID,
      PaymentResult.CANCELED, FeeStatus.UNPAID,
      PaymentResult.EXPIRED, FeeStatus.UNPAID));

  private final Map<PaymentResult, FeeStatus> targets;

  private PaymentResultMapping(Map<PaymentResult, FeeStatus> targets) {
    this.targets = new EnumMap<>(targets);
  }

  /** @return the transition table's mapping */
  public static PaymentResultMapping defaults() {
    return DEFAULTS;
  }

  /**
   * @param result a payment result
   * @param status where it takes a fee in progress: {@link FeeStatus#PAID} or {@link
   *     FeeStatus#UNPAID}
   * @return a mapping with this entry replaced
   * @throws ValidationException if the status cannot follow a payment in progress
   */
  public PaymentResultMapping with(PaymentResult result, FeeStatus status) {
    if (result == null || status == null || !FeeStatus.PAYMENT_IN_PROGRESS.canMoveTo(status)) {
      throw ValidationException.of("paymentResultMapping", FieldError.INVALID,
          "a payment result can only move a fee in progress to paid or unpaid");
    }
    Map<PaymentResult, FeeStatus> next = new EnumMap<>(targets);
    next.put(result, status);
    return new PaymentResultMapping(next);
  }

  /**
   * @param result a payment result
   * @return the status it takes a fee in progress to
   */
  public FeeStatus target(PaymentResult result) {
    return targets.get(result);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof PaymentResultMapping mapping && mapping.targets.equals(targets);
  }

  @Override
  public int hashCode() {
    return targets.hashCode();
  }

  @Override
  public String toString() {
    return "PaymentResultMapping" + targets;
  }
}
