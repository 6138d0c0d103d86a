package io.ledgerkit.fee;

import java.util.Optional;

/**
 * A payment provider that takes fees online (the Stripe adapter implements it; the testkit has a
 * scriptable fake). The core decides every status change; the gateway only opens checkouts and
 * reports what the provider knows.
 */
public interface PaymentGateway {

  /** A gateway that takes no payments: starting one fails with {@code no_gateway}. */
  PaymentGateway NONE = new PaymentGateway() {
    @Override
    public PaymentSession startCheckout(PaymentRequest request) {
      throw new PaymentGatewayException("no_gateway",
          "no payment gateway is configured (Ledgerkit.builder().paymentGateway(..))", null);
    }

    @Override
    public Optional<PaymentResult> outcomeOf(PaymentRequest request, String reference) {
      return Optional.empty();
    }
  };

  /**
   * Opens a checkout for one payment attempt. Must be idempotent on {@link
   * PaymentRequest#idempotencyKey()}: a repeated request with the same key (a retry after a
   * timeout, a second click) gives the same session and never opens a second payment.
   *
   * @param request the fee, its amount and the attempt
   * @return the checkout the payer completes
   * @throws PaymentGatewayException if the provider refused or could not be reached; nothing was
   *     opened
   */
  PaymentSession startCheckout(PaymentRequest request);

  /**
   * Asks the provider how a checkout ended, to settle a payment whose result never arrived.
   *
   * @param request the attempt the checkout was opened for
   * @param reference the checkout's id, as {@link PaymentSession#reference()} gave it
   * @return the result, or empty while the checkout is still open
   * @throws PaymentGatewayException if the provider could not answer
   */
  Optional<PaymentResult> outcomeOf(PaymentRequest request, String reference);

  /**
   * Closes a checkout that was abandoned, so that it can no longer be paid, and reports how it
   * ended. The default cannot close anything and only asks {@link #outcomeOf}: an open checkout
   * then stays in progress, because reverting a fee whose checkout can still be paid would lose
   * the payment.
   *
   * @param request the attempt the checkout was opened for
   * @param reference the checkout's id
   * @return {@link PaymentResult#EXPIRED} if it was closed now, the result it had ended with
   *     before, or empty if it is still open
   * @throws PaymentGatewayException if the provider could not answer
   */
  default Optional<PaymentResult> expireCheckout(PaymentRequest request, String reference) {
    return outcomeOf(request, reference);
  }
}
