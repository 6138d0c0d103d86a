package io.ledgerkit.stripe;

import io.ledgerkit.LedgerkitException;

/**
 * A webhook delivery was refused before anything was read from it: the host answers it with 400,
 * and Stripe's genuine deliveries are never refused this way.
 */
public final class StripeWebhookException extends LedgerkitException {

  private static final long serialVersionUID = 1L;

  /** Why a delivery was refused. */
  public enum Reason {
    /** No {@code Stripe-Signature} header, or one without a timestamp or a {@code v1} signature. */
    UNSIGNED,
    /** No signature matches the body under any of the endpoint's secrets. */
    BAD_SIGNATURE,
    /** Signed longer ago (or further ahead) than the tolerance. */
    STALE,
    /** The body is larger than the handler accepts. */
    TOO_LARGE,
    /** Signed, but not UTF-8 JSON of a Stripe event (an id, a type and a data object). */
    MALFORMED
  }

  private final Reason reason;

  /**
   * @param reason why
   * @param message what happened, without the body
   */
  public StripeWebhookException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** @return why the delivery was refused */
  public Reason reason() {
    return reason;
  }
}
