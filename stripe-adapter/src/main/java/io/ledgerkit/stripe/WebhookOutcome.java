package io.ledgerkit.stripe;

import io.ledgerkit.fee.PaymentEventOutcome;

/**
 * What a verified webhook delivery did. Every outcome is acknowledged to Stripe (HTTP 200): none
 * of them would turn out differently on a redelivery.
 *
 * @param eventId Stripe's event id
 * @param type Stripe's event type
 * @param status what happened
 */
public record WebhookOutcome(String eventId, String type, Status status) {

  /** What a verified delivery did. */
  public enum Status {
    /** The payment result moved the fee. */
    APPLIED,
    /** The result was late, repeated or for an earlier checkout: the fee did not move. */
    NOT_APPLIED,
    /** The event was handled before. */
    DUPLICATE,
    /** The checkout completed but its payment is still pending: a later event settles it. */
    PENDING,
    /** An event type the adapter does not handle; ignored. */
    UNHANDLED_TYPE,
    /** The session carries no valid tenant and fee id: not one of the SDK's checkouts. */
    NOT_A_FEE,
    /** The session names another tenant than the endpoint's. */
    FOREIGN_TENANT,
    /** The session names a tenant the SDK does not know. */
    UNKNOWN_TENANT,
    /** The session names a fee its tenant does not have. */
    UNKNOWN_FEE;

    static Status of(PaymentEventOutcome outcome) {
      return switch (outcome) {
        case APPLIED -> APPLIED;
        case NOT_APPLIED -> NOT_APPLIED;
        case DUPLICATE -> DUPLICATE;
        case IGNORED -> PENDING;
        case UNKNOWN_FEE -> UNKNOWN_FEE;
      };
    }
  }

  /** @return whether the delivery changed a fee */
  public boolean changedAFee() {
    return status == Status.APPLIED;
  }

  static WebhookOutcome of(String eventId, String type, Status status) {
    return new WebhookOutcome(eventId, type, status);
  }
}
