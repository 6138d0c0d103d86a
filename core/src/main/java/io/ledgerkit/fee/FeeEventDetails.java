package io.ledgerkit.fee;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The typed payload of a {@link FeeEvent}, each part present where the event type has it. Stored
 * as JSON ({@code jsonb}) on PostgreSQL and as a sub-document on MongoDB, under the component
 * names below.
 *
 * @param amount the fee's amount after the event (assessed), or the amount asked for (payment
 *     attempt)
 * @param previousAmount the amount before a re-assessment
 * @param reason the reason after an assessment
 * @param paymentAttempt the attempt's number (payment attempt, success or failure of one)
 * @param paymentReference the provider's id of the checkout (payment events)
 * @param paymentUrl where the payer completes the checkout (payment attempt)
 * @param paymentResult the result a provider reported (online success or failure)
 * @param resultMapping how that result was mapped, {@code result->status}, e.g. {@code
 *     canceled->unpaid}
 * @param manualMethod how a manual payment was received
 * @param error a provider's error code when a checkout could not be started
 */
public record FeeEventDetails(
    @Nullable BigDecimal amount,
    @Nullable BigDecimal previousAmount,
    @Nullable FeeReason reason,
    @Nullable Integer paymentAttempt,
    @Nullable String paymentReference,
    @Nullable String paymentUrl,
    @Nullable PaymentResult paymentResult,
    @Nullable String resultMapping,
    @Nullable ManualPaymentMethod manualMethod,
    @Nullable String error) {

  /** No details. */
  public static final FeeEventDetails NONE =
      new FeeEventDetails(null, null, null, null, null, null, null, null, null, null);

  static FeeEventDetails assessed(BigDecimal amount, @Nullable BigDecimal previous, FeeReason reason) {
    return new FeeEventDetails(amount, previous, reason, null, null, null, null, null, null, null);
  }

  static FeeEventDetails attempt(int attempt, BigDecimal amount, PaymentSession session) {
    return new FeeEventDetails(amount, null, null, attempt, session.reference(), session.url(),
        null, null, null, null);
  }

  static FeeEventDetails attemptFailed(int attempt, String error) {
    return new FeeEventDetails(null, null, null, attempt, null, null, null, null, null, error);
  }

  static FeeEventDetails result(int attempt, @Nullable String reference, PaymentResult result,
      FeeStatus mappedTo) {
    return new FeeEventDetails(null, null, null, attempt, reference, null, result,
        result.apiName() + "->" + mappedTo.apiName(), null, null);
  }

  static FeeEventDetails manual(ManualPaymentMethod method) {
    return new FeeEventDetails(null, null, null, null, null, null, null, null, method, null);
  }
}
