package io.ledgerkit.fee;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A checkout a payment provider opened.
 *
 * @param reference the provider's id of it (a Stripe Checkout Session id)
 * @param url where the payer completes it, if the provider gives one
 */
public record PaymentSession(String reference, @Nullable String url) {

  /** Checks that the reference is present. */
  public PaymentSession {
    Objects.requireNonNull(reference, "reference");
  }
}
